using Studio.Core.Bots;

namespace Studio.Core.Conversations;

/// <summary>One expectation of a conversation test that did not hold.</summary>
public sealed record TurnFailure(string Test, int Turn, string User, string What, string Expected, string Actual)
{
    public override string ToString() => $"{Test}, turn {Turn} (\"{User}\"): {What} expected {Expected}, got {Actual}";
}

/// <summary>How a bot's conversation tests went.</summary>
public sealed record ConversationTestReport(int Passed, int Failed, IReadOnlyList<TurnFailure> Failures);

/// <summary>
/// Plays each conversation test through a served bot's pipeline, turn by turn, and compares what happened with what was
/// expected. The studio, the publish gate and <c>studio test</c> all pass the pipeline the runtime would serve.
/// </summary>
public static class ConversationTestRunner
{
    /// <param name="only">The one test to run, by name; null runs them all.</param>
    public static async Task<ConversationTestReport> RunAsync(BotDefinition bot, IConversationPipeline pipeline, string? only = null, CancellationToken cancellationToken = default)
    {
        var failures = new List<TurnFailure>();
        var passed = 0;
        var tests = bot.Tests.Where(t => only is null || t.Name == only).ToList();
        foreach (var test in tests)
        {
            var state = new ConversationState();
            var before = failures.Count;
            for (var t = 0; t < test.Turns.Count; t++)
            {
                var turn = test.Turns[t];
                var (understanding, result) = await pipeline.TurnAsync(state, turn.User, cancellationToken);
                if (turn.Expect is not { } expect)
                {
                    continue;
                }

                void Fail(string what, string expected, string actual) => failures.Add(new TurnFailure(test.Name, t + 1, turn.User, what, expected, actual));
                var intent = understanding.OutOfScope || understanding.Intent is null ? "(out of scope)" : understanding.Intent;
                if (expect.Intent is { } expectedIntent && expectedIntent != intent)
                {
                    Fail("intent", expectedIntent, $"{intent} ({understanding.Confidence:0.00})");
                }

                foreach (var (slot, value) in expect.Slots ?? [])
                {
                    if (state.Slots.GetValueOrDefault(slot) != value)
                    {
                        Fail($"slot {slot}", value, state.Slots.GetValueOrDefault(slot) ?? "(empty)");
                    }
                }

                if (expect.Sentiment is { } expectedSentiment && expectedSentiment != understanding.Sentiment)
                {
                    Fail("sentiment", expectedSentiment, $"{understanding.Sentiment} ({understanding.SentimentScore:+0.00;-0.00})");
                }

                if (expect.ReplyContains is { } contains && !result.Replies.Any(r => MarkdownLiteral.Unescape(r).Contains(contains, StringComparison.OrdinalIgnoreCase)))
                {
                    Fail("reply containing", $"\"{contains}\"", result.Replies.Count == 0 ? "no reply" : string.Join(" | ", result.Replies.Select(r => $"\"{r}\"")));
                }

                if (expect.Response is { } response && !result.Responses.Contains(response))
                {
                    Fail("response", response, result.Responses.Count == 0 ? (result.Fallback ? "the fallback" : "no response") : string.Join(", ", result.Responses));
                }

                if (expect.Handoff is { } handoff && handoff != result.Handoff)
                {
                    Fail("hand-off", handoff ? "yes" : "no", result.Handoff ? "yes" : $"no (sentiment {understanding.Sentiment} {understanding.SentimentScore:+0.00;-0.00})");
                }
            }

            passed += failures.Count == before ? 1 : 0;
        }

        return new ConversationTestReport(passed, tests.Count - passed, failures);
    }
}
