using System.Globalization;
using System.Text.Json;
using Studio.Core.Evaluation;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench intents --unseen-intents 0.25 --seeds 3</c>: out-of-scope detection with no out-of-scope training
/// data. Each seed holds a share of the intents out of training, so their test messages are out of scope; every
/// detector is then scored on the same trained rung: AUROC, out-of-scope recall once 95 % of the answers given are right
/// (in-scope precision, with the in-scope accuracy left there) and while 95 % of in-scope messages are kept, and, with the threshold the rung calibrates on held-out examples, the recall
/// and in-scope accuracy a bot would get next to the closed-set accuracy (no rejection at all).
/// </summary>
internal static class UnseenIntentBench
{
    private static readonly string[] Detectors =
    [
        "nearest", "knn", "mahalanobis", "relativeMahalanobis", "maxLogit", "energy", "probability",
        "knn+maxLogit", "mahalanobis+maxLogit", "relativeMahalanobis+maxLogit", "knn+mahalanobis", "knn+relativeMahalanobis",
        "knn+relativeMahalanobis+maxLogit", "knn+mahalanobis+energy", "nearest+relativeMahalanobis+probability",
        "nearest+probability", "nearest+maxLogit", "knn+relativeMahalanobis+probability", "nearest+relativeMahalanobis+maxLogit", "nearest+relativeMahalanobis+maxLogit+probability",
    ];

    private static readonly double[] Costs = [0.005, 0.01, 0.02, 0.03, 0.05];

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    internal sealed record DetectorResult(string Detector, double Auroc, double RecallAtPrecision95, double InScopeAccuracyAtPrecision95, double RecallKeeping95, double OosRecall, double OosPrecision,
        double InScopeAccuracy, double ClosedSetAccuracy);

    public static int Run(IReadOnlyList<(string Text, string Label)> trainRows, IReadOnlyList<(string Text, string Label)> testRows, double share, int seeds,
        int? perIntent, double accuracyCost, bool tuned, OnnxSentenceEncoder encoder, ITextEmbedder trainingEmbedder, TerminalProgress progress, bool json, CancellationToken cancellationToken)
    {
        var intents = trainRows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var unseenCount = (int)Math.Round(share * intents.Length);
        var testTexts = testRows.Select(r => r.Text).ToArray();
        // The encoder's test vectors are embedded once and reused by every seed (the tuned rung embeds them through its own
        // model each seed); this mode measures detection, not latency.
        var testVectors = trainingEmbedder.Embed(testTexts, new Studio.Inference.Learning.InlineProgress<int>(n => progress.Report("embedding the test set", (double)n / testTexts.Length)), cancellationToken);

        var shipped = OutOfScopeDetector.Describe(OutOfScopeDetector.Default);
        var perSeed = new List<DetectorResult[]>();
        var sweepPerSeed = new List<(double Cost, double Recall, double InScope)[]>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var shuffled = intents.ToArray();
            new Random(seed).Shuffle(shuffled);
            var unseen = shuffled.Take(unseenCount).ToHashSet();
            var seen = trainRows.Where(r => !unseen.Contains(r.Label));
            if (perIntent is { } limit)
            {
                seen = seen.GroupBy(r => r.Label).SelectMany(g => g.Take(limit));
            }

            var examples = seen.Select(r => new LabelledText(r.Text, r.Label)).ToList();
            var options = new TrainingOptions { OutOfScopeAccuracyCost = accuracyCost, CalibrateAllSignals = true };
            var stages = new Studio.Inference.Learning.InlineProgress<TrainingProgress>(p => progress.Report($"seed {seed}: {p.Stage.ToLowerInvariant()}", p.Fraction));
            // The tuned rung's detector reads the tuned encoder's vectors, so the test messages are embedded through it.
            var tunedRung = tuned ? Studio.Inference.Tuning.TunedIntentClassifier.Train(examples, encoder, options, new Studio.Inference.Tuning.LayerTuner(), stages, cancellationToken) : null;
            // Each seed's tuned model is an encoder session of its own, let go with the seed.
            using var tunedModel = tunedRung?.Layer;
            var classifier = tunedRung?.Inner ?? EncoderIntentClassifier.Train(examples, encoder, options, trainingEmbedder, stages, cancellationToken: cancellationToken);
            var vectors = tunedRung?.Embed(testTexts, cancellationToken) ?? testVectors;
            classifier.ComputeAllSignals = true;
            var understood = testRows.Select((r, i) => classifier.Understand(r.Text, vectors[i])).ToArray();
            var outOfScope = testRows.Select(r => unseen.Contains(r.Label)).ToArray();
            var predicted = understood.Select(u => classifier.Intents[System.Numerics.Tensors.TensorPrimitives.IndexOfMax(u.Probabilities)]).ToArray();
            var inScopeRows = Enumerable.Range(0, testRows.Count).Where(i => !outOfScope[i]).ToArray();
            var correct = Enumerable.Range(0, testRows.Count).Select(i => !outOfScope[i] && predicted[i] == testRows[i].Label).ToArray();
            var closedSet = inScopeRows.Count(i => predicted[i] == testRows[i].Label) / (double)inScopeRows.Length;

            // The designer's lever: what the shipped detector catches as the threshold may cost more accuracy.
            sweepPerSeed.Add([.. Costs.Select(cost =>
            {
                var detector = OutOfScopeDetector.Calibrate(OutOfScopeDetector.Default, classifier.Calibration!.Signals, classifier.Calibration.Correct, cost);
                var rejected = understood.Select(u => detector.IsOutOfScope(u.Signals)).ToArray();
                return (cost, Enumerable.Range(0, rejected.Length).Count(i => rejected[i] && outOfScope[i]) / (double)outOfScope.Count(o => o),
                    inScopeRows.Count(i => !rejected[i] && correct[i]) / (double)inScopeRows.Length);
            })]);

            perSeed.Add([.. Detectors.Select(name =>
            {
                var detector = OutOfScopeDetector.Calibrate(OutOfScopeDetector.Parse(name), classifier.Calibration!.Signals, classifier.Calibration.Correct, accuracyCost);
                var scores = understood.Select(u => detector.Score(u.Signals)).ToArray();
                var rejected = understood.Select(u => detector.IsOutOfScope(u.Signals)).ToArray();
                var caught = Enumerable.Range(0, scores.Length).Count(i => rejected[i] && outOfScope[i]);
                var inScopeRight = inScopeRows.Count(i => !rejected[i] && predicted[i] == testRows[i].Label);
                var (recallAt95, accuracyAt95) = OutOfScopeCurve.RecallAtInScopePrecision(scores, outOfScope, correct, 0.95);
                return new DetectorResult(name, OutOfScopeCurve.Auroc(scores, outOfScope), recallAt95, accuracyAt95,
                    OutOfScopeCurve.RecallKeepingInScope(scores, outOfScope, 0.95), caught / (double)outOfScope.Count(o => o),
                    !rejected.Any(r => r) ? 0 : caught / (double)rejected.Count(r => r), inScopeRight / (double)inScopeRows.Length, closedSet);
            })]);
        }

        var results = Enumerable.Range(0, Detectors.Length).Select(d => Average(perSeed.Select(s => s[d]).ToArray())).ToArray();
        var sweep = Enumerable.Range(0, Costs.Length).Select(c => new { accuracyCost = Costs[c], oosRecall = sweepPerSeed.Average(s => s[c].Recall), inScopeAccuracy = sweepPerSeed.Average(s => s[c].InScope) }).ToArray();
        progress.Dispose();
        Console.WriteLine($"unseen intents ({(tuned ? "tuned" : "encoder")} rung): {unseenCount} of {intents.Length} held out per seed, {seeds} seeds; threshold may cost {accuracyCost * 100:0.#} points of held-out in-scope accuracy; shipped detector: {shipped}");
        Console.WriteLine($"{"detector",-44} {"AUROC",6} {"R@P95",6} {"in@P95",6} {"R@K95",6} {"oosR %",7} {"oosP %",7} {"in-sc %",7} {"closed %",8}");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Detector,-44} {r.Auroc,6:0.000} {r.RecallAtPrecision95,6:0.000} {r.InScopeAccuracyAtPrecision95 * 100,6:0.0} {r.RecallKeeping95,6:0.000} {r.OosRecall * 100,7:0.0} {r.OosPrecision * 100,7:0.0} {r.InScopeAccuracy * 100,7:0.0} {r.ClosedSetAccuracy * 100,8:0.0}"));
        }

        Console.WriteLine($"{shipped}, as the allowed accuracy cost grows (closed set {results[0].ClosedSetAccuracy * 100:0.0} %):");
        foreach (var point in sweep)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cost {point.accuracyCost * 100,4:0.#} points: out-of-scope recall {point.oosRecall * 100:0.0} %, in-scope accuracy {point.inScopeAccuracy * 100:0.0} %"));
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { unseenIntents = share, rung = tuned ? "tuned" : "encoder", seeds, accuracyCost, shipped, shippedResult = results.First(r => r.Detector == shipped), sweep, detectors = results }, JsonOptions));
        }

        return 0;
    }

    private static DetectorResult Average(DetectorResult[] runs) => new(runs[0].Detector, runs.Average(r => r.Auroc), runs.Average(r => r.RecallAtPrecision95), runs.Average(r => r.InScopeAccuracyAtPrecision95),
        runs.Average(r => r.RecallKeeping95), runs.Average(r => r.OosRecall), runs.Average(r => r.OosPrecision), runs.Average(r => r.InScopeAccuracy), runs.Average(r => r.ClosedSetAccuracy));
}
