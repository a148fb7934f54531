using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Studio.Core.Bots;
using Studio.Core.Evaluation;
using Studio.Inference.Bots;
using Studio.Inference.Models;

namespace Studio.Inference.Knowledge;

/// <summary>A question and the document that answers it.</summary>
public sealed record KnowledgeQuestion(string Question, string ExpectedSource);

/// <summary>
/// One knowledge setup's figures: how often it answered, how often the answer came from the right document
/// (the quoted passage's, or a passage the generated answer cites), latency, tokens and cost per 1,000 questions.
/// </summary>
public sealed record KnowledgeSetupResult(string Setup, double Answered, double RightSource, double P50Ms, double P95Ms, long TokensIn, long TokensOut, decimal CostPer1000);

/// <summary>
/// Compares ways of answering from a bot's documents on the designer's questions, like any other task:
/// <c>dense</c>, <c>keyword</c> and <c>fused</c> quote the best passage by that ranking; <c>generative:&lt;model&gt;</c>
/// has a large model answer from the best fused passages, citing them.
/// </summary>
public sealed class KnowledgeComparison(ModelRegistry registry)
{
    public const string GenerativePrefix = "generative:";

    public async Task<IReadOnlyList<KnowledgeSetupResult>> RunAsync(TrainedBot trained, IReadOnlyList<KnowledgeQuestion> questions, IReadOnlyList<string> setups,
        Action<string, double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (trained.Knowledge is not { Chunks.Count: > 0 } index)
        {
            throw new ArgumentException("The bot has no knowledge documents to compare on.");
        }

        if (questions.Count == 0)
        {
            throw new ArgumentException("Give questions with the document that answers each (question,expected_source).");
        }

        var vectors = questions.Select(q => trained.Embed(q.Question)).ToArray();
        var results = new List<KnowledgeSetupResult>();
        foreach (var setup in setups)
        {
            var (mode, model) = Parse(setup);
            var times = new double[questions.Count];
            int answered = 0, right = 0;
            long tokensIn = 0, tokensOut = 0;
            decimal cost = 0;
            for (var i = 0; i < questions.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var hits = index.Search(questions[i].Question, vectors[i], KnowledgeResponder.Passages, mode);
                if (index.Answers(hits))
                {
                    answered++;
                    if (model is null)
                    {
                        right += hits[0].Chunk.Source == questions[i].ExpectedSource ? 1 : 0;
                    }
                    else
                    {
                        var answer = await KnowledgeResponder.GenerateAsync(registry, model, questions[i].Question, hits, cancellationToken);
                        (tokensIn, tokensOut, cost) = (tokensIn + answer.InputTokens, tokensOut + answer.OutputTokens, cost + answer.Cost);
                        right += hits.Where((h, k) => answer.Text.Contains($"[{k + 1}]", StringComparison.Ordinal)).Any(h => h.Chunk.Source == questions[i].ExpectedSource) ? 1 : 0;
                    }
                }

                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                progress?.Invoke($"{setup}: questions", (double)(i + 1) / questions.Count);
            }

            Array.Sort(times);
            results.Add(new KnowledgeSetupResult(setup, (double)answered / questions.Count, (double)right / questions.Count, Percentiles.Of(times, 0.5), Percentiles.Of(times, 0.95),
                tokensIn, tokensOut, cost / questions.Count * 1000m));
        }

        return results;
    }

    /// <summary>Questions from a CSV of question,expected_source.</summary>
    public static IReadOnlyList<KnowledgeQuestion> Questions(IReadOnlyList<(string Text, string Label)> rows) => [.. rows.Select(r => new KnowledgeQuestion(r.Text, r.Label))];

    private (RetrievalMode Mode, string? Model) Parse(string setup)
    {
        if (setup.StartsWith(GenerativePrefix, StringComparison.Ordinal))
        {
            var model = setup[GenerativePrefix.Length..];
            return registry.Find(model) is { IsGenerative: true } ? (RetrievalMode.Fused, model) : throw new ArgumentException($"Unknown model '{model}' in '{setup}'.");
        }

        return Enum.TryParse<RetrievalMode>(setup, ignoreCase: true, out var mode) && !int.TryParse(setup, CultureInfo.InvariantCulture, out _)
            ? (mode, null)
            : throw new ArgumentException($"Unknown knowledge setup '{setup}': use dense, keyword, fused or generative:<model>.");
    }
}

/// <summary>A generated answer with what it cost.</summary>
public sealed record GeneratedAnswer(string Text, long InputTokens, long OutputTokens, decimal Cost);
