using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Studio.Core.Evaluation;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench intents</c>: trains each rung on a CSV split and measures accuracy, out-of-scope handling,
/// training time and latency next to the bare ONNX call, all in the same run.
/// </summary>
internal static class BenchIntentsCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Training CSV: text,label.", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "Test CSV: text,label.", Required = true };
        var rungs = new Option<string>("--rungs") { Description = "Comma-separated rungs: ngram, encoder, and mlnet (ML.NET FeaturizeText + SdcaMaximumEntropy, the baseline).", DefaultValueFactory = _ => "ngram,encoder,mlnet" };
        var oosLabel = new Option<string?>("--oos-label") { Description = "Test rows with this label are out of scope: the right answer is to reject them." };
        var foreign = new Option<FileInfo?>("--foreign") { Description = "A CSV of foreign messages (first column) added to the test set as out of scope." };
        var foreignLimit = new Option<int>("--foreign-limit") { Description = "How many foreign rows to add.", DefaultValueFactory = _ => 1000 };
        var perIntent = new Option<int?>("--per-intent") { Description = "Train on at most this many examples per intent (few-shot)." };
        var latencySample = new Option<int>("--latency-sample") { Description = "Messages timed one by one for p50/p95.", DefaultValueFactory = _ => 500 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var cache = new Option<FileInfo?>("--embedding-cache") { Description = "Keep training-set embeddings in this file between runs (test messages are always embedded afresh)." };

        var command = new Command("intents", "Benchmarks intent classification rungs on a train/test split.")
        {
            train, test, rungs, oosLabel, foreign, foreignLimit, perIntent, latencySample, json, cache,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetRequiredValue(train), parse.GetRequiredValue(test), parse.GetRequiredValue(rungs), parse.GetValue(oosLabel),
            parse.GetValue(foreign), parse.GetValue(foreignLimit), parse.GetValue(perIntent), parse.GetValue(latencySample), parse.GetValue(json), parse.GetValue(cache), cancellationToken)));
        return command;
    }

    private static int Run(FileInfo trainFile, FileInfo testFile, string rungList, string? oosLabel, FileInfo? foreignFile, int foreignLimit,
        int? perIntent, int latencySample, bool json, FileInfo? cacheFile, CancellationToken cancellationToken)
    {
        var trainRows = LabelledCsv.Read(trainFile.FullName).Where(r => r.Label != oosLabel).ToList();
        if (perIntent is { } limit)
        {
            trainRows = [.. trainRows.GroupBy(r => r.Label).SelectMany(g => g.Take(limit))];
        }

        var examples = trainRows.Select(r => new LabelledText(r.Text, r.Label)).ToList();
        var test = LabelledCsv.Read(testFile.FullName).Select(r => new LabelledText(r.Text, r.Label == oosLabel ? null : r.Label)).ToList();
        if (foreignFile is not null)
        {
            test.AddRange(LabelledCsv.Read(foreignFile.FullName).Take(foreignLimit).Select(r => new LabelledText(r.Text, null)));
        }

        var texts = test.Select(t => t.Text).ToArray();
        var expected = test.Select(t => t.Label).ToArray();
        var sample = texts.Take(latencySample).ToArray();
        Console.WriteLine($"train {examples.Count} examples, {examples.Select(e => e.Label).Distinct().Count()} intents; test {test.Count} ({expected.Count(e => e is null)} out of scope)");

        using var progress = new TerminalProgress();
        using var encoder = OnnxSentenceEncoder.Load(new EncoderOptions());

        // Training may reuse stored vectors; classification always runs the model, so latency is real.
        ITextEmbedder trainingEmbedder = cacheFile is null ? encoder : new CachedEmbedder(encoder, new FileEmbeddingStore(cacheFile.FullName));
        var results = new List<RungResult>();
        var trained = new Dictionary<string, (IIntentClassifier Classifier, double Seconds)>();
        (IIntentClassifier Classifier, double Seconds) Train(string rung, IReadOnlyList<LabelledText> data, bool remember)
        {
            if (remember && trained.TryGetValue(rung, out var known))
            {
                return known;
            }

            var started = Stopwatch.GetTimestamp();
            IIntentClassifier classifier = rung switch
            {
                NgramIntentClassifier.RungId => NgramIntentClassifier.Train(data, new TrainingOptions(),
                    new Studio.Inference.Learning.InlineProgress<double>(f => progress.Report($"{rung}: training", f)), cancellationToken),
                EncoderIntentClassifier.RungId => EncoderIntentClassifier.Train(data, encoder, new TrainingOptions(), trainingEmbedder,
                    new Studio.Inference.Learning.InlineProgress<TrainingProgress>(p => progress.Report($"{rung}: {p.Stage.ToLowerInvariant()}", p.Fraction)), cancellationToken),
                Studio.Benchmarks.MlNetIntentClassifier.RungId => TrainBaseline(data, progress),
                _ when CascadeIntentClassifier.Parse(rung) is { } cascade => TrainCascade(cascade, data),
                _ => throw new ArgumentException($"Unknown rung '{rung}'. Rungs: ngram, encoder, mlnet, cascade:<small>><large>@<threshold>."),
            };
            var result = (classifier, Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (remember)
            {
                trained[rung] = result;
            }

            return result;
        }

        // A cascade reuses its rungs' models; without a threshold it picks one on held-out examples first.
        IIntentClassifier TrainCascade((string Small, string Large, float? Threshold) cascade, IReadOnlyList<LabelledText> data)
        {
            var threshold = cascade.Threshold;
            if (threshold is null)
            {
                var labels = data.Select(e => e.Label!).ToArray();
                var index = labels.Distinct().Order(StringComparer.Ordinal).Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
                var (trainPart, heldOut) = HeldOutSplit.Split(labels.Select(l => index[l]).ToArray(), 7);
                var part = trainPart.Select(i => data[i]).ToList();
                var heldTexts = heldOut.Select(i => data[i].Text).ToArray();
                var small = Train(cascade.Small, part, remember: false).Classifier.ClassifyBatch(heldTexts, cancellationToken: cancellationToken);
                var large = Train(cascade.Large, part, remember: false).Classifier.ClassifyBatch(heldTexts, cancellationToken: cancellationToken);
                threshold = CascadeIntentClassifier.ChooseThreshold(small, large, heldOut.Select(i => labels[i]).ToArray());
            }

            return new CascadeIntentClassifier(Train(cascade.Small, data, remember: true).Classifier, Train(cascade.Large, data, remember: true).Classifier, threshold.Value);
        }

        foreach (var rung in rungList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (classifier, trainSeconds) = Train(rung, examples, remember: CascadeIntentClassifier.Parse(rung) is null);

            var started = Stopwatch.GetTimestamp();
            var predictions = classifier.ClassifyBatch(texts, new Studio.Inference.Learning.InlineProgress<int>(n => progress.Report($"{rung}: classifying test set", (double)n / texts.Length)), cancellationToken);
            var batchSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            progress.Report($"{rung}: timing single messages", 0);
            var single = Latency.Measure(sample, t => classifier.Classify(t));

            var report = ClassificationReport.Compute(expected, predictions.Select(p => p.Intent).ToArray());
            double? escalated = classifier is CascadeIntentClassifier cascadeRung
                ? predictions.Count(p => p.AnsweredBy == cascadeRung.Large.Rung) / (double)predictions.Count
                : null;
            results.Add(new RungResult(classifier.Rung, report.Accuracy, report.MacroF1, report.InScopeAccuracy, report.OutOfScopePrecision, report.OutOfScopeRecall,
                trainSeconds, Latency.Percentile(single, 0.5), Latency.Percentile(single, 0.95), texts.Length / batchSeconds, single.Average(), escalated));
        }

        // The floor: the bare ONNX session call on the same messages, measured last in the same warm process.
        progress.Report("timing the bare ONNX call", 0);
        var baseline = Latency.Measure(sample.Select(t => encoder.Tokenizer.Encode(t, 256)).ToArray(), ids => encoder.TimeBareCall(ids));
        var baselineMs = Latency.Percentile(baseline, 0.5);
        progress.Dispose();
        PrintTable(results, baselineMs);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { rungs = results, baselineMs }, Json));
        }

        return 0;
    }

    private static Studio.Benchmarks.MlNetIntentClassifier TrainBaseline(IReadOnlyList<LabelledText> examples, TerminalProgress progress)
    {
        progress.Report("mlnet: training (no progress reported)", 0);
        return Studio.Benchmarks.MlNetIntentClassifier.Train(examples);
    }

    private static void PrintTable(IReadOnlyList<RungResult> results, double baselineMs)
    {
        static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine($"bare ONNX call (one message): p50 {baselineMs:0.00} ms");
        Console.WriteLine($"{"rung",-28} {"acc %",6} {"F1 %",6} {"in-sc %",7} {"oosP %",6} {"oosR %",6} {"train s",8} {"p50 ms",7} {"× bare",7} {"p95 ms",7} {"mean ms",8} {"msg/s",8} {"escal %",7}");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Rung,-28} {Pct(r.Accuracy),6} {Pct(r.MacroF1),6} {Pct(r.InScopeAccuracy),7} {Pct(r.OosPrecision),6} {Pct(r.OosRecall),6} {r.TrainSeconds,8:0.00} {r.P50Ms,7:0.000} {r.P50Ms / baselineMs,7:0.00} {r.P95Ms,7:0.000} {r.MeanMs,8:0.000} {r.ThroughputPerSecond,8:0} {Pct(r.EscalatedShare),7}"));
        }
    }
}
