using System.Diagnostics;
using Studio.Core.Bots;
using Studio.Core.Comparison;
using Studio.Core.Conversations;
using Studio.Core.Embeddings;
using Studio.Core.Evaluation;
using Studio.Core.Setups;
using Studio.Core.Entities;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Inference.Sentiment;
using Studio.Inference.Serving;

namespace Studio.Inference.Comparison;

/// <summary>One message of a comparison with every setup's answer, for the table of disagreements.</summary>
public sealed record CaseRow(string Text, string? Expected, IReadOnlyList<string?> Predicted)
{
    public bool SetupsDisagree => Predicted.Distinct().Count() > 1;
}

/// <summary>What a comparison found: figures per setup, the frontier, the recommendations and every case.</summary>
/// <param name="Suite">What the setups were tested on.</param>
/// <param name="TurnsPerConversation">Messages per conversation that costs per 1,000 conversations assume (the bot's average test length).</param>
/// <param name="CascadeChoices">For each cascade, the threshold that meets the tolerance at least cost.</param>
public sealed record ComparisonOutcome(string Suite, IReadOnlyList<SetupResult> Results, IReadOnlyList<string> Frontier, Recommendation? Recommendation,
    IReadOnlyList<CascadeThresholdChoice> CascadeChoices, IReadOnlyList<SetupBreakdown> Details, IReadOnlyList<CaseRow> Cases, double TurnsPerConversation);

/// <summary>
/// Runs several setups over the same test suite of a bot: trains each (cached vectors), times every message,
/// counts tokens and cost for large rungs, sweeps the thresholds of cascades, and works out the frontier and
/// the right-size recommendation. Shared by <c>studio eval</c>, the comparison API and the studio's Compare page.
/// </summary>
public sealed class ComparisonRunner(OnnxSentenceEncoder encoder, IEmbeddingStore cache, ModelRegistry registry)
{
    private readonly Lazy<SentimentClassifier> _defaultSentiment = new(() => SentimentClassifier.DefaultHead(encoder));

    /// <summary>Thresholds every cascade is also evaluated at, for the threshold chart and choice.</summary>
    public static readonly IReadOnlyList<float> SweepThresholds = [.. Enumerable.Range(0, 21).Select(i => i / 20f)];

    // How long a setup's messages run untimed before it is measured, and at most how many (see WarmUpAsync).
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromMilliseconds(300);
    private const int MaxWarmUpMessages = 5000;

    // Sampling the working set costs a system call; every few messages is enough to catch the peak.
    private const int MemorySampleEvery = 32;

    public async Task<ComparisonOutcome> RunAsync(BotDefinition bot, IReadOnlyList<BotSetup> setups, ComparisonSuite suite, double tolerancePoints,
        Action<string, double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (suite.Cases.Count == 0)
        {
            throw new ArgumentException("There is nothing to compare on: give a test suite, or conversation tests with expected intents.", nameof(suite));
        }

        if (setups.Count == 0)
        {
            throw new ArgumentException("Name at least one setup, such as ngram or encoder.", nameof(setups));
        }

        var report = progress ?? ((_, _) => { });
        var turnsPerConversation = bot.Tests.Count == 0 ? 1.0 : bot.Tests.Average(t => t.Turns.Count);
        var cached = new CachedEmbedder(encoder, cache);
        var trainers = suite.Rounds.Select(round => new Lazy<RungTrainer>(() => new RungTrainer(encoder, cached, report, cancellationToken,
            (id, _) => Rung.Parse(id) is { IsLarge: true } rung && LargeModelRung.Resolve(registry, rung) is var large
                ? new LlmIntentClassifier(large.Name, new LlmTasks(registry.ChatClient(large.Profile.Id), large.Profile, encoder), round.TrainingBot, large.Shots,
                    LargeModelRung.PromptOf(bot, rung))
                : null))).ToList();
        var examples = suite.Rounds.Select(round => round.TrainingBot.Intents.SelectMany(i => i.PlainExamples().Select(e => new LabelledText(e, i.Name))).ToList()).ToList();
        var expected = suite.Cases.Select(c => c.Expected).ToArray();

        var rounds = suite.Rounds.Select((round, r) => new Lazy<TrainedBot>(() => RoundBot(round.TrainingBot, trainers[r].Value, examples[r], cancellationToken))).ToList();
        var results = new List<SetupResult>();
        var details = new List<SetupBreakdown>();
        var sweeps = new List<(string Small, string Large, IReadOnlyList<ThresholdPoint> Sweep)>();
        var answers = new List<IReadOnlyList<string?>>();
        foreach (var spec in setups)
        {
            var memory = new PeakMemory();
            // A cascade's rungs are also measured apart, every message on both, for the threshold sweep; the figures of
            // the setup itself are what the served pipeline does with each message.
            var sweepRun = spec.Intent.Cascade is { } cascade ? await RunCascadeAsync(cascade, suite, trainers, examples, memory, report, cancellationToken) : null;
            var served = spec with { Intent = sweepRun?.Label ?? Resolved(spec.Intent) };
            var label = served.Name;
            var (cases, sentiments) = await RunServedAsync(served, suite, rounds, memory, report, cancellationToken);
            var cost = cases.Sum(c => c.Cost);
            var sweep = sweepRun?.Sweep.Select(p => p with
            {
                // What the pipeline adds to the intent rungs (sentiment, entities, generation) is the same at every threshold.
                MeanMs = p.MeanMs + (cases.Average(c => c.Ms) - sweepRun.Cases.Average(c => c.Ms)),
                CostPer1000 = PerThousandConversations(p.CostPer1000 + (cost - sweepRun.Cases.Sum(c => c.Cost)), suite.Cases.Count, turnsPerConversation),
            }).ToList();
            var scores = ClassificationReport.Compute(expected, cases.Select(c => c.Intent).ToArray());
            var times = cases.Select(c => c.Ms).ToArray();
            var sorted = times.Order().ToArray();
            var escalated = sweepRun is null ? (double?)null : cases.Count(c => c.Escalated) / (double)cases.Length;
            results.Add(new SetupResult(label, scores.Accuracy, scores.MacroF1, scores.OutOfScopePrecision, scores.OutOfScopeRecall,
                Percentiles.Of(sorted, 0.5), Percentiles.Of(sorted, 0.95), times.Average(), cases.Sum(c => c.TokensIn), cases.Sum(c => c.TokensOut),
                PerThousandConversations(cost, suite.Cases.Count, turnsPerConversation), escalated, memory.PeakMb,
                spec.Sentiment is null ? null : SentimentAccuracy(suite.Cases, sentiments)));
            details.Add(new SetupBreakdown(label, scores.PerLabel, ConfusionCounts.From(scores.Confusion), times, sweep));
            if (sweep is not null && served.Intent.Cascade is { } parts)
            {
                sweeps.Add((parts.Small.Name, parts.Large.Name, sweep));
            }

            answers.Add(cases.Select(c => c.Intent).ToList());
        }

        var best = results.MaxBy(r => r.Accuracy)!;
        var cascadeChoices = sweeps
            .DistinctBy(s => (s.Small, s.Large)) // two cascades of the same rungs sweep the same thresholds
            .Select(s => CascadeThresholdChoice.Choose(s.Small, s.Large, s.Sweep, best.Accuracy, best.Setup, tolerancePoints))
            .OfType<CascadeThresholdChoice>().ToList();
        var rows = suite.Cases.Select((c, i) => new CaseRow(c.Text, c.Expected, answers.Select(a => a[i]).ToList())).ToList();
        return new ComparisonOutcome(suite.Description, results, ParetoFrontier.Of(results).Select(r => r.Setup).ToList(), Recommendation.Choose(results, tolerancePoints),
            cascadeChoices, details, rows, turnsPerConversation);
    }

    // A large rung is named as the registry resolves it (its shots written out), so the label means exactly what ran.
    private IntentSetup Resolved(IntentSetup intent) =>
        intent.Alone is { IsLarge: true } rung ? IntentSetup.Parse(LargeModelRung.Resolve(registry, rung).Name) : intent;

    // Every message through the pipeline the runtime serves, built for the round's training examples: the same steps,
    // the same escalation and the same generation, each message timed from the text to the answer.
    private async Task<(CaseAnswer[] Cases, string?[] Sentiments)> RunServedAsync(BotSetup setup, ComparisonSuite suite, List<Lazy<TrainedBot>> rounds,
        PeakMemory memory, Action<string, double> report, CancellationToken cancellationToken)
    {
        var cases = new CaseAnswer[suite.Cases.Count];
        var sentiments = new string?[suite.Cases.Count];
        var done = 0;
        for (var r = 0; r < suite.Rounds.Count; r++)
        {
            var bot = suite.Rounds[r].TrainingBot;
            var pipeline = new BotPipeline(bot, rounds[r].Value, setup, registry, profile => LlmTasks.On(registry, profile, encoder), TimeProvider.System);
            if (r == 0 && suite.Rounds[r].CaseIndices.Count > 0)
            {
                await WarmUpAsync(pipeline, suite, suite.Rounds[r].CaseIndices, cancellationToken);
            }

            memory.Sample();
            foreach (var i in suite.Rounds[r].CaseIndices)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = suite.Cases[i].Text;
                var analysis = setup.Generation is null
                    ? await pipeline.UnderstandAsync(text, cancellationToken)
                    : (await pipeline.AnswerAsync(new ConversationState(), text, null, cancellationToken)).Analysis;
                var intent = analysis.Intent;
                // The pipeline's own clock, the one the runtime reports as a reply's totalMs.
                cases[i] = new CaseAnswer(intent.Intent, intent.Confidence, intent.OutOfScope, analysis.TotalMilliseconds, analysis.TokensIn, analysis.TokensOut, analysis.Cost,
                    Escalated: analysis.ByRung.Count > 1);
                sentiments[i] = analysis.Sentiment.Label;
                memory.SampleNow(++done);
                report($"{setup.Name}: test messages", (double)done / suite.Cases.Count);
            }
        }

        return (cases, sentiments);
    }

    // Untimed messages first. A server answers nearly all its messages long after its first calls: their compilation and
    // model loading are behind it, and the runtime has recompiled the hot code at its optimised tier, which takes some
    // 30 calls and a tenth of a second. Timed from the first message instead, a sub-millisecond rung is measured on
    // unoptimised code and looks up to twice as slow as it serves. A setup that spends tokens warms up on one message only.
    private static async Task WarmUpAsync(BotPipeline pipeline, ComparisonSuite suite, IReadOnlyList<int> indices, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var w = 0; w < MaxWarmUpMessages; w++)
        {
            var analysis = await pipeline.UnderstandAsync(suite.Cases[indices[w % indices.Count]].Text, cancellationToken);
            if (analysis.TokensIn + analysis.TokensOut > 0 || Stopwatch.GetElapsedTime(started) >= WarmUpTime)
            {
                return;
            }
        }
    }

    // The round's heads, each trained when a setup first needs it: rungs come from the round's trainer (so a rung is
    // trained once for all setups), sentiment heads are the shipped ones tuned on the round's labelled messages.
    private TrainedBot RoundBot(BotDefinition bot, RungTrainer trainer, IReadOnlyList<LabelledText> examples, CancellationToken cancellationToken)
    {
        var own = (bot.Sentiment?.Examples ?? []).Select(e => (e.Text, e.Label)).ToList();
        return TrainedBot.OnDemand(bot.Id,
            () => (NgramIntentClassifier)trainer.TrainRung(NgramIntentClassifier.RungId, examples).Classifier,
            () => (EncoderIntentClassifier)trainer.TrainRung(EncoderIntentClassifier.RungId, examples).Classifier,
            () => _defaultSentiment.Value.FineTune(own, cancellationToken),
            () => NgramSentimentClassifier.Shipped.FineTune(own, cancellationToken),
            EntityExtractor.For(bot), encoder,
            () => (Tuning.TunedIntentClassifier)trainer.TrainRung(Tuning.TunedIntentClassifier.RungId, examples).Classifier);
    }

    /// <summary>Share of the messages with an expected sentiment that got it; null when the test set names none.</summary>
    private static double? SentimentAccuracy(IReadOnlyList<ComparisonCase> cases, string?[] sentiments)
    {
        var judged = Enumerable.Range(0, cases.Count).Where(i => cases[i].ExpectedSentiment is not null && sentiments[i] is not null).ToList();
        return judged.Count == 0 ? null : judged.Count(i => sentiments[i] == cases[i].ExpectedSentiment) / (double)judged.Count;
    }

    private static decimal PerThousandConversations(decimal totalCost, int messages, double turnsPerConversation) =>
        totalCost / messages * (decimal)turnsPerConversation * 1000m;

    // A cascade's small and large rungs both answer every message once; the cascade at any threshold is then
    // the small answer where it is confident and the large one elsewhere, with the time and cost of both
    // for escalated messages — exactly what the cascade does at run time, without running it 21 times.
    private static async Task<CascadeSweep> RunCascadeAsync(CascadePolicy cascade, ComparisonSuite suite, List<Lazy<RungTrainer>> trainers,
        List<List<LabelledText>> examples, PeakMemory memory, Action<string, double> report, CancellationToken cancellationToken)
    {
        var small = new CaseAnswer[suite.Cases.Count];
        var large = new CaseAnswer[suite.Cases.Count];
        var threshold = cascade.Threshold;
        var done = 0;
        for (var r = 0; r < suite.Rounds.Count; r++)
        {
            var trainer = trainers[r].Value;
            // Without a threshold the first round chooses one on held-out examples; every round then uses it.
            // It is rounded as the setup's name writes it, so the name assigned to a bot means exactly what was measured.
            threshold ??= MathF.Round(((CascadeIntentClassifier)(await trainer.TrainAsync(IntentSetup.Of(cascade), examples[r])).Classifier).Threshold, 3);
            var smallRung = (await trainer.TrainAsync(cascade.Small.Name, examples[r])).Classifier;
            var largeRung = (await trainer.TrainAsync(cascade.Large.Name, examples[r])).Classifier;
            memory.Sample();
            foreach (var i in suite.Rounds[r].CaseIndices)
            {
                cancellationToken.ThrowIfCancellationRequested();
                small[i] = await MeasureAsync(smallRung, suite.Cases[i].Text, cancellationToken);
                large[i] = await MeasureAsync(largeRung, suite.Cases[i].Text, cancellationToken);
                memory.SampleNow(++done);
                report($"{cascade.Name}: test messages", (double)done / suite.Cases.Count);
            }
        }

        var expected = suite.Cases.Select(c => c.Expected).ToArray();
        var sweep = SweepThresholds.Append(threshold!.Value).Distinct().Order()
            .Select(t => Point(t, Combine(small, large, t), expected)).ToList();
        var own = Combine(small, large, threshold.Value);
        var label = IntentSetup.Of(cascade.WithThreshold(threshold.Value));
        return new CascadeSweep(label, own, sweep);
    }

    private static CaseAnswer[] Combine(CaseAnswer[] small, CaseAnswer[] large, float threshold) =>
        [.. small.Select((s, i) => !CascadePolicy.Escalates(s.OutOfScope, s.Confidence, threshold)
            ? s
            : new CaseAnswer(large[i].Intent, large[i].Confidence, large[i].OutOfScope, s.Ms + large[i].Ms, s.TokensIn + large[i].TokensIn,
                s.TokensOut + large[i].TokensOut, s.Cost + large[i].Cost, Escalated: true))];

    // The cost here is the suite's total; the caller scales it to 1,000 conversations.
    private static ThresholdPoint Point(float threshold, CaseAnswer[] answers, string?[] expected) =>
        new(threshold, answers.Where((a, i) => a.Intent == expected[i]).Count() / (double)answers.Length, answers.Count(a => a.Escalated) / (double)answers.Length,
            answers.Average(a => a.Ms), answers.Sum(a => a.Cost));

    private static async Task<CaseAnswer> MeasureAsync(IIntentClassifier classifier, string text, CancellationToken cancellationToken)
    {
        var llm = classifier as LlmIntentClassifier;
        var (tokensIn, tokensOut, cost) = llm is null ? (0L, 0L, 0m) : (llm.TokensIn, llm.TokensOut, llm.Cost);
        var started = Stopwatch.GetTimestamp();
        var prediction = await classifier.ClassifyAsync(text, cancellationToken);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return llm is null
            ? new CaseAnswer(prediction.Intent, prediction.Confidence, prediction.OutOfScope, ms, 0, 0, 0m, false)
            : new CaseAnswer(prediction.Intent, prediction.Confidence, prediction.OutOfScope, ms, llm.TokensIn - tokensIn, llm.TokensOut - tokensOut, llm.Cost - cost, false);
    }

    private sealed record CaseAnswer(string? Intent, float Confidence, bool OutOfScope, double Ms, long TokensIn, long TokensOut, decimal Cost, bool Escalated);

    /// <summary>A cascade's rungs run apart: the answers at its own threshold and the accuracy, time and cost at every other.</summary>
    private sealed record CascadeSweep(IntentSetup Label, CaseAnswer[] Cases, IReadOnlyList<ThresholdPoint> Sweep);

    /// <summary>The largest working set of the process seen while one setup ran.</summary>
    private sealed class PeakMemory
    {
        private long _peak = Environment.WorkingSet;

        public double PeakMb => _peak / (1024.0 * 1024.0);

        public void Sample() => _peak = Math.Max(_peak, Environment.WorkingSet);

        public void SampleNow(int done)
        {
            if (done % MemorySampleEvery == 0)
            {
                Sample();
            }
        }
    }
}
