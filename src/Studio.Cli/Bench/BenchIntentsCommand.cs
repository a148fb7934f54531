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
        var unseen = new Option<double?>("--unseen-intents") { Description = "Hold this share of the intents out of training and measure out-of-scope detection on their test messages (the encoder rung's detectors; --rungs tuned for the tuned rung's)." };
        var seeds = new Option<int>("--seeds") { Description = "With --unseen-intents: how many random choices of held-out intents to average over.", DefaultValueFactory = _ => 3 };
        var accuracyCost = new Option<double>("--oos-accuracy-cost") { Description = "With --unseen-intents: the share of held-out in-scope accuracy the threshold may cost.", DefaultValueFactory = _ => TrainingOptions.DefaultOutOfScopeAccuracyCost };

        var command = new Command("intents", "Benchmarks intent classification rungs on a train/test split.")
        {
            train, test, rungs, oosLabel, foreign, foreignLimit, perIntent, latencySample, json, cache, unseen, seeds, accuracyCost,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(unseen) is { } share && share is <= 0 or >= 1)
            {
                result.AddError("--unseen-intents is a share of the intents between 0 and 1, such as 0.25.");
            }

            if (result.GetValue(unseen) is not null && result.GetValue(seeds) is < 1 or > 20)
            {
                result.AddError("--seeds must be between 1 and 20.");
            }
        });
        command.SetAction((parse, cancellationToken) => parse.GetValue(unseen) is { } share
            ? Task.FromResult(RunUnseen(parse.GetRequiredValue(train), parse.GetRequiredValue(test), share, parse.GetValue(seeds), parse.GetValue(perIntent),
                parse.GetValue(accuracyCost), parse.GetRequiredValue(rungs).Trim() == Studio.Inference.Tuning.TunedIntentClassifier.RungId, parse.GetValue(json), parse.GetValue(cache), cancellationToken))
            : RunAsync(
            parse.GetRequiredValue(train), parse.GetRequiredValue(test), parse.GetRequiredValue(rungs), parse.GetValue(oosLabel),
            parse.GetValue(foreign), parse.GetValue(foreignLimit), parse.GetValue(perIntent), parse.GetValue(latencySample), parse.GetValue(json), parse.GetValue(cache), cancellationToken));
        return command;
    }

    private static int RunUnseen(FileInfo trainFile, FileInfo testFile, double share, int seeds, int? perIntent, double accuracyCost, bool tuned, bool json, FileInfo? cacheFile,
        CancellationToken cancellationToken)
    {
        using var progress = new TerminalProgress();
        using var encoder = CliContext.LoadEncoder();
        var embedder = CliContext.TrainingEmbedder(encoder, cacheFile);
        return UnseenIntentBench.Run(LabelledCsv.Read(trainFile.FullName), LabelledCsv.Read(testFile.FullName), share, seeds, perIntent, accuracyCost,
            tuned, encoder, embedder, progress, json, cancellationToken);
    }

    private static async Task<int> RunAsync(FileInfo trainFile, FileInfo testFile, string rungList, string? oosLabel, FileInfo? foreignFile, int foreignLimit,
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
        using var encoder = CliContext.LoadEncoder();

        // Training may reuse stored vectors; classification always runs the model, so latency is real.
        var trainingEmbedder = CliContext.TrainingEmbedder(encoder, cacheFile);
        var results = new List<RungResult>();
        var trainer = new RungTrainer(encoder, trainingEmbedder, progress.Report, cancellationToken, (rung, data) => rung == Studio.Benchmarks.MlNetIntentClassifier.RungId
            ? Studio.Benchmarks.MlNetIntentClassifier.Train(data)
            : null);
        foreach (var rung in rungList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (classifier, trainSeconds) = await trainer.TrainAsync(rung, examples);

            var started = Stopwatch.GetTimestamp();
            var predictions = await classifier.ClassifyBatchAsync(texts, new Studio.Inference.Learning.InlineProgress<int>(n => progress.Report($"{rung}: classifying test set", (double)n / texts.Length)), cancellationToken);
            var batchSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            progress.Report($"{rung}: timing single messages", 0);
            var single = await Latency.MeasureAsync(sample, async t => await classifier.ClassifyAsync(t, cancellationToken));

            var report = ClassificationReport.Compute(expected, predictions.Select(p => p.Intent).ToArray());
            double? escalated = classifier is CascadeIntentClassifier cascadeRung
                ? predictions.Count(p => p.AnsweredBy == cascadeRung.Large.Rung) / (double)predictions.Count
                : null;
            results.Add(new RungResult(classifier.Rung, report.Accuracy, report.MacroF1, report.InScopeAccuracy, report.OutOfScopePrecision, report.OutOfScopeRecall,
                trainSeconds, Latency.Percentile(single, 0.5), Latency.Percentile(single, 0.95), texts.Length / batchSeconds, single.Average(), escalated,
                ClosedSet(expected, predictions)));
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

    // The top-ranked intent's accuracy on in-scope rows, as if nothing were rejected: what the detector's threshold costs is the gap to "in-sc %".
    private static double ClosedSet(string?[] expected, IReadOnlyList<IntentPrediction> predictions)
    {
        var inScope = Enumerable.Range(0, expected.Length).Where(i => expected[i] is not null).ToArray();
        return inScope.Length == 0 ? double.NaN : inScope.Count(i => predictions[i].Ranking.Count > 0 && predictions[i].Ranking[0].Intent == expected[i]) / (double)inScope.Length;
    }

    private static void PrintTable(IReadOnlyList<RungResult> results, double baselineMs)
    {
        static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine($"bare ONNX call (one message): p50 {baselineMs:0.00} ms");
        Console.WriteLine($"{"rung",-28} {"acc %",6} {"F1 %",6} {"in-sc %",7} {"top1 %",6} {"oosP %",6} {"oosR %",6} {"train s",8} {"p50 ms",7} {"× bare",7} {"p95 ms",7} {"mean ms",8} {"msg/s",8} {"escal %",7}");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Rung,-28} {Pct(r.Accuracy),6} {Pct(r.MacroF1),6} {Pct(r.InScopeAccuracy),7} {Pct(r.ClosedSetAccuracy),6} {Pct(r.OosPrecision),6} {Pct(r.OosRecall),6} {r.TrainSeconds,8:0.00} {r.P50Ms,7:0.000} {r.P50Ms / baselineMs,7:0.00} {r.P95Ms,7:0.000} {r.MeanMs,8:0.000} {r.ThroughputPerSecond,8:0} {Pct(r.EscalatedShare),7}"));
        }
    }
}
