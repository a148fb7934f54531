using Studio.Core.Bots;

namespace Studio.Core.Documents;

/// <summary>
/// Where a response is said or expected: flow nodes, the fallback, an intent of the same name (said when it is understood
/// outside a flow), the sentiment hand-off, and conversation tests. The Responses page shows these, refuses to delete a
/// response that has any, and renames them all with the response.
/// </summary>
/// <summary>One place a response is used; <paramref name="FollowsRename"/> is false where the name itself is what links them.</summary>
public sealed record ResponseUse(string Where, bool FollowsRename = true)
{
    public override string ToString() => Where;
}

public static class ResponseUses
{
    /// <summary>The response a hand-off says when neither a node nor the sentiment policy names one.</summary>
    public const string HandoffResponse = "speak_to_human";

    public static IReadOnlyList<ResponseUse> Of(BotDefinition bot, string name) => All(bot).GetValueOrDefault(name, []);

    /// <summary>Every response's uses, in one pass over the bot (a page lists them all at once).</summary>
    public static Dictionary<string, IReadOnlyList<ResponseUse>> All(BotDefinition bot)
    {
        var uses = new Dictionary<string, List<ResponseUse>>(StringComparer.Ordinal);
        void Add(string? name, string where, bool followsRename = true)
        {
            if (name is not null)
            {
                (uses.TryGetValue(name, out var list) ? list : uses[name] = []).Add(new ResponseUse(where, followsRename));
            }
        }

        foreach (var flow in bot.Flows)
        {
            foreach (var node in flow.Nodes)
            {
                if (node.Response is null && node.Type == FlowNodeType.Handoff)
                {
                    Add(HandoffResponse, $"flow {flow.Name}, node {node.Id} (a hand-off that names no response)", followsRename: false);
                }
                else
                {
                    Add(node.Response, $"flow {flow.Name}, node {node.Id}");
                }
            }
        }

        Add(bot.Fallback?.Response, "the fallback");
        foreach (var intent in bot.Intents)
        {
            Add(intent.Name, $"intent {intent.Name} (said when it is understood outside a flow)", followsRename: false);
        }

        if (bot.Sentiment?.OnNegative == NegativeSentimentAction.Handoff)
        {
            Add(HandoffResponse, "the sentiment hand-off", followsRename: false);
        }

        foreach (var test in bot.Tests)
        {
            for (var u = 0; u < test.Turns.Count; u++)
            {
                Add(test.Turns[u].Expect?.Response, $"test {test.Name}, turn {u + 1}");
            }
        }

        return uses.ToDictionary(p => p.Key, p => (IReadOnlyList<ResponseUse>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Points every node, the fallback and every test expectation that names <paramref name="from"/> at <paramref name="to"/>.</summary>
    public static void Rename(BotDefinition bot, string from, string to)
    {
        foreach (var node in bot.Flows.SelectMany(f => f.Nodes).Where(n => n.Response == from))
        {
            node.Response = to;
        }

        if (bot.Fallback is { } fallback && fallback.Response == from)
        {
            fallback.Response = to;
        }

        foreach (var expect in bot.Tests.SelectMany(t => t.Turns).Select(t => t.Expect).Where(e => e?.Response == from))
        {
            expect!.Response = to;
        }
    }
}
