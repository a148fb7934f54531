using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Studio.Core.Evaluation;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;
using Studio.Cli.Sentiment;
using Studio.Inference.Sentiment;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench sentiment</c>: trains both sentiment heads (encoder and n-gram) on one CSV and measures them on
/// another, the n-gram head's accuracy and latency printed beside the encoder head's.
/// </summary>
internal static class BenchSentimentCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Training CSV: text,label (negative, neutral, positive).", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "Test CSV: text,label.", Required = true };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var cache = new Option<FileInfo?>("--embedding-cache") { Description = "Keep training-set embeddings in this file between runs." };
        var latencySample = new Option<int>("--latency-sample") { Description = "Messages timed one by one for p50/p95.", DefaultValueFactory = _ => 300 };
        var transfer = new Option<FileInfo?>("--transfer") { Description = "Also measure the head on text of another kind: CSV text,label[,split]; choices are made on its validation rows." };
        var transferBot = new Option<FileInfo?>("--transfer-bot") { Description = "With --transfer: a bot file whose labelled sentiment examples fine-tune the head, as training a bot does." };
        var command = new Command("sentiment", "Benchmarks the encoder and n-gram sentiment heads on a train/test split.") { train, test, json, cache, latencySample, transfer, transferBot };
        command.SetAction((parse, cancellationToken) =>
        {
            using var encoder = CliContext.LoadEncoder();
            var trainingEmbedder = CliContext.TrainingEmbedder(encoder, parse.GetValue(cache));
            var started = Stopwatch.GetTimestamp();
            var trained = SentimentTraining.Train(parse.GetRequiredValue(train), trainingEmbedder, cancellationToken);
            var trainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var classifier = new SentimentClassifier(encoder, trained.Features, trained.Head);

            var rows = LabelledCsv.Read(parse.GetRequiredValue(test).FullName);
            using var progress = new TerminalProgress();
            started = Stopwatch.GetTimestamp();
            var predicted = classifier.ClassifyBatch(rows.Select(r => r.Text).ToArray(), new InlineProgress<int>(n => progress.Report("classifying test set", (double)n / rows.Count)), cancellationToken);
            var throughput = rows.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
            progress.Dispose();
            var sample = rows.Take(parse.GetValue(latencySample)).Select(r => r.Text).ToArray();
            var single = Latency.Measure(sample, t => classifier.Classify(t));
            var baseline = Latency.Measure(sample.Select(t => encoder.Tokenizer.Encode(t, 256)).ToArray(), ids => encoder.TimeBareCall(ids));
            var report = ClassificationReport.Compute(rows.Select(r => (string?)r.Label).ToArray(), predicted.Select(p => (string?)p.Label).ToArray());

            started = Stopwatch.GetTimestamp();
            var ngram = SentimentTraining.TrainNgram(parse.GetRequiredValue(train), cancellationToken);
            var ngramTrainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var ngramPredicted = ngram.ClassifyBatch(rows.Select(r => r.Text).ToArray(), cancellationToken: cancellationToken);
            var ngramSingle = Latency.Measure(sample, t => ngram.Classify(t));
            var ngramReport = ClassificationReport.Compute(rows.Select(r => (string?)r.Label).ToArray(), ngramPredicted.Select(p => (string?)p.Label).ToArray());

            var result = new
            {
                accuracy = report.Accuracy,
                macroF1 = report.MacroF1,
                trainSeconds,
                p50Ms = Latency.Percentile(single, 0.5),
                p95Ms = Latency.Percentile(single, 0.95),
                throughputPerSecond = throughput,
                baselineMs = Latency.Percentile(baseline, 0.5),
                perLabel = report.PerLabel.Select(l => new { label = l.Label, precision = l.Precision, recall = l.Recall, f1 = l.F1 }),
                ngram = new
                {
                    accuracy = ngramReport.Accuracy,
                    macroF1 = ngramReport.MacroF1,
                    trainSeconds = ngramTrainSeconds,
                    p50Ms = Latency.Percentile(ngramSingle, 0.5),
                    p95Ms = Latency.Percentile(ngramSingle, 0.95),
                },
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sentiment: accuracy {result.accuracy * 100:0.0} %, macro-F1 {result.macroF1 * 100:0.0} %, trained in {trainSeconds:0.0} s, p50 {result.p50Ms:0.00} ms ({result.p50Ms / result.baselineMs:0.00} × bare {result.baselineMs:0.00} ms), {throughput:0} msg/s batched"));
            foreach (var label in report.PerLabel)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label.Label,-9} P {label.Precision * 100:0.0}  R {label.Recall * 100:0.0}  F1 {label.F1 * 100:0.0}"));
            }

            // The latency ratio travels between machines; the milliseconds do not.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"n-gram sentiment: accuracy {result.ngram.accuracy * 100:0.0} % (encoder {result.accuracy * 100:0.0} %), macro-F1 {result.ngram.macroF1 * 100:0.0} % (encoder {result.macroF1 * 100:0.0} %), trained in {ngramTrainSeconds:0.0} s, p50 {result.ngram.p50Ms:0.000} ms per message, {result.p50Ms / result.ngram.p50Ms:0} × faster than the encoder head"));
            foreach (var label in ngramReport.PerLabel)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label.Label,-9} P {label.Precision * 100:0.0}  R {label.Recall * 100:0.0}  F1 {label.F1 * 100:0.0}"));
            }

            var transferResults = parse.GetValue(transfer) is { } transferFile
                ? SentimentTransferBench.Run(classifier, BotSentimentExamples(parse.GetValue(transferBot)), transferFile.FullName, cancellationToken)
                : null;
            if (transferResults is not null)
            {
                SentimentTransferBench.Print(transferResults);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { result.accuracy, result.macroF1, result.trainSeconds, result.p50Ms, result.p95Ms, result.throughputPerSecond, result.baselineMs, result.perLabel, result.ngram, transfer = transferResults }));
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static List<(string Text, string Label)> BotSentimentExamples(FileInfo? botFile)
    {
        if (botFile is null)
        {
            return [];
        }

        var read = Studio.Core.Documents.BotDocuments.Read(File.ReadAllText(botFile.FullName), Studio.Core.Documents.BotDocuments.FormatOf(botFile.Name));
        return read.Bot is { } bot
            ? [.. (bot.Sentiment?.Examples ?? []).Select(e => (e.Text, e.Label))]
            : throw new InvalidDataException($"{botFile.Name}: {(read.Problems.Count > 0 ? read.Problems[0].Message : "not a bot")}");
    }
}
