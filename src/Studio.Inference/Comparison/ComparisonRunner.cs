using System.Diagnostics;
using Studio.Core.Bots;
using Studio.Core.Comparison;
using Studio.Core.Embeddings;
using Studio.Core.Evaluation;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Llm;
using Studio.Inference.Models;

namespace Studio.Inference.Comparison;

/// <summary>A test message and the intent it should get (null: out of scope).</summary>
public sealed record ComparisonCase(string Text, string? Expected);

/// <summary>One message of a comparison with every setup's answer, for the table of disagreements.</summary>
public sealed record CaseRow(string Text, string? Expected, IReadOnlyList<string?> Predicted)
{
    public bool SetupsDisagree => Predicted.Distinct().Count() > 1;
}

/// <summary>What a comparison found: figures per setup, the frontier, the recommendation and every case.</summary>
/// <param name="TurnsPerConversation">Messages per conversation that costs per 1,000 conversations assume (the bot's average test length).</param>
public sealed record ComparisonOutcome(IReadOnlyList<SetupResult> Results, IReadOnlyList<string> Frontier, Recommendation? Recommendation, IReadOnlyList<CaseRow> Cases,
    double TurnsPerConversation);

/// <summary>
/// Runs several setups over the same test messages of a bot: trains each (cached vectors), times every message,
/// counts tokens and cost for large rungs, and works out the frontier and the right-size recommendation.
/// Shared by <c>studio eval</c> and the studio's Compare page.
/// </summary>
public sealed class ComparisonRunner(OnnxSentenceEncoder encoder, IEmbeddingStore cache, ModelRegistry registry)
{
    public ComparisonOutcome Run(BotDefinition bot, IReadOnlyList<string> setups, IReadOnlyList<ComparisonCase> cases, double tolerancePoints,
        Action<string, double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (cases.Count == 0)
        {
            throw new ArgumentException("There is nothing to compare on: give a test suite, or conversation tests with expected intents.", nameof(cases));
        }

        var report = progress ?? ((_, _) => { });
        var turnsPerConversation = bot.Tests.Count == 0 ? 1.0 : bot.Tests.Average(t => t.Turns.Count);
        var examples = bot.Intents.SelectMany(i => i.Examples.Select(e => new LabelledText(e, i.Name))).ToList();
        var trainer = new RungTrainer(encoder, new CachedEmbedder(encoder, cache), report, cancellationToken,
            (id, _) => registry.Find(id) is { IsGenerative: true } profile ? new LlmIntentClassifier(id, new LlmTasks(registry.ChatClient(id), profile, encoder), bot) : null);

        var results = new List<SetupResult>();
        var answers = new List<IReadOnlyList<string?>>();
        foreach (var setup in setups)
        {
            var (classifier, _) = trainer.Train(setup, examples);
            var predictions = new List<IntentPrediction>();
            var times = new List<double>();
            foreach (var (text, _) in cases)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                predictions.Add(classifier.Classify(text));
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                report($"{setup}: test messages", (double)predictions.Count / cases.Count);
            }

            var scores = ClassificationReport.Compute(cases.Select(c => c.Expected).ToArray(), predictions.Select(p => p.Intent).ToArray());
            var sorted = times.Order().ToArray();
            var llm = classifier as LlmIntentClassifier;
            var costPer1000 = llm is null ? 0m : llm.Cost / cases.Count * (decimal)turnsPerConversation * 1000m;
            double? escalated = classifier is CascadeIntentClassifier cascade
                ? predictions.Count(p => p.AnsweredBy == cascade.Large.Rung) / (double)predictions.Count
                : null;
            results.Add(new SetupResult(classifier.Rung, scores.Accuracy, scores.MacroF1, scores.OutOfScopePrecision, scores.OutOfScopeRecall,
                Percentiles.Of(sorted, 0.5), Percentiles.Of(sorted, 0.95), times.Average(), llm?.TokensIn ?? 0, llm?.TokensOut ?? 0, costPer1000, escalated));
            answers.Add(predictions.Select(p => p.Intent).ToList());
        }

        var rows = cases.Select((c, i) => new CaseRow(c.Text, c.Expected, answers.Select(a => a[i]).ToList())).ToList();
        return new ComparisonOutcome(results, ParetoFrontier.Of(results).Select(r => r.Setup).ToList(), Recommendation.Choose(results, tolerancePoints), rows, turnsPerConversation);
    }

    /// <summary>The test messages of a bot's own conversation tests.</summary>
    public static IReadOnlyList<ComparisonCase> CasesFromTests(BotDefinition bot) =>
        [.. bot.Tests.SelectMany(t => t.Turns).Where(t => t.Expect?.Intent is not null).Select(t => new ComparisonCase(t.User, t.Expect!.Intent))];
}
