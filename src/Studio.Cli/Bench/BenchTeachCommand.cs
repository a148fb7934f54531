using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Studio.Core.Evaluation;
using Studio.Core.Teaching;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench teach</c>: distillation measured. A few labelled examples per intent train the teacher and the
/// student; the teacher labels the rest of the training set, its labels at or above the chosen confidence become the
/// student's extra examples, and the student is measured before and after on the test set, beside the teacher.
/// </summary>
internal static class BenchTeachCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Training CSV: text,label. The first --per-intent rows of each intent stay labelled; the rest lose their labels.", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "Test CSV: text,label.", Required = true };
        var perIntent = new Option<int>("--per-intent") { Description = "Labelled examples kept per intent.", DefaultValueFactory = _ => 10 };
        var teacher = new Option<string>("--teacher") { Description = "The rung that labels: encoder, or a cascade.", DefaultValueFactory = _ => "encoder" };
        var student = new Option<string>("--student") { Description = "The rung that learns from the labels.", DefaultValueFactory = _ => "ngram" };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Labels at or above this teacher confidence are accepted.", DefaultValueFactory = _ => TeacherLabels.DefaultMinConfidence };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var cache = new Option<FileInfo?>("--embedding-cache") { Description = "Keep training-set embeddings in this file between runs." };
        var command = new Command("teach", "Measures teacher labelling: a larger rung labels unlabelled messages for a smaller one.")
        {
            train, test, perIntent, teacher, student, minConfidence, json, cache,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(train), parse.GetRequiredValue(test), parse.GetValue(perIntent),
            parse.GetRequiredValue(teacher), parse.GetRequiredValue(student), parse.GetValue(minConfidence), parse.GetValue(json), parse.GetValue(cache), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo trainFile, FileInfo testFile, int perIntent, string teacherSetup, string studentSetup, double minConfidence,
        bool json, FileInfo? cacheFile, CancellationToken cancellationToken)
    {
        if (perIntent < 1 || !TeacherLabels.IsConfidence(minConfidence))
        {
            Console.Error.WriteLine("--per-intent is at least 1 and --min-confidence is from 0 to 1.");
            return 2;
        }

        // The same few-shot split as `bench intents --per-intent`: the first rows of each intent, in file order.
        var rows = LabelledCsv.Read(trainFile.FullName);
        var labelled = new List<LabelledText>();
        var unlabelled = new List<LabelledText>();
        foreach (var intent in rows.GroupBy(r => r.Label))
        {
            labelled.AddRange(intent.Take(perIntent).Select(r => new LabelledText(r.Text, r.Label)));
            unlabelled.AddRange(intent.Skip(perIntent).Select(r => new LabelledText(r.Text, r.Label)));
        }

        var test = LabelledCsv.Read(testFile.FullName);
        var expected = test.Select(t => (string?)t.Label).ToArray();
        var testTexts = test.Select(t => t.Text).ToArray();
        Console.WriteLine($"{labelled.Count} labelled ({perIntent} per intent), {unlabelled.Count} unlabelled, {test.Count} test; teacher {teacherSetup}, student {studentSetup}");

        using var progress = new TerminalProgress();
        using var encoder = CliContext.LoadEncoder();
        var trainingEmbedder = CliContext.TrainingEmbedder(encoder, cacheFile);
        async Task<double> AccuracyAsync(IIntentClassifier classifier)
        {
            var predicted = await classifier.ClassifyBatchAsync(testTexts, null, cancellationToken);
            return ClassificationReport.Compute(expected, [.. predicted.Select(p => p.Intent)]).Accuracy;
        }

        var (teacher, _) = await new RungTrainer(encoder, trainingEmbedder, progress.Report, cancellationToken).TrainAsync(teacherSetup, labelled);
        var (before, _) = await new RungTrainer(encoder, trainingEmbedder, progress.Report, cancellationToken).TrainAsync(studentSetup, labelled);
        progress.Report($"{teacherSetup}: labelling {unlabelled.Count} messages", 0);
        var labels = await teacher.ClassifyBatchAsync([.. unlabelled.Select(u => u.Text)], new Studio.Inference.Learning.InlineProgress<int>(n =>
            progress.Report($"{teacherSetup}: labelling", (double)n / unlabelled.Count)), cancellationToken);
        var suggestions = labels.Select(l => new TeacherLabel(l.Intent, l.Confidence)).ToList();

        var sweep = new List<ThresholdRow>();
        foreach (var threshold in new[] { minConfidence }.Concat(TeacherLabels.Sweep.Where(t => t != minConfidence)))
        {
            var accepted = TeacherLabels.Accepted(suggestions, threshold);
            var taught = accepted.Select(i => new LabelledText(unlabelled[i].Text, suggestions[i].Intent!)).ToList();
            var (after, _) = await new RungTrainer(encoder, trainingEmbedder, progress.Report, cancellationToken).TrainAsync(studentSetup, [.. labelled, .. taught]);
            var labelAccuracy = accepted.Count == 0 ? 0 : accepted.Count(i => suggestions[i].Intent == unlabelled[i].Label) / (double)accepted.Count;
            sweep.Add(new ThresholdRow(threshold, accepted.Count / (double)unlabelled.Count, labelAccuracy, await AccuracyAsync(after)));
        }

        var result = new TeachResult(teacherSetup, studentSetup, labelled.Count, unlabelled.Count, await AccuracyAsync(before), sweep[0].StudentAccuracy,
            await AccuracyAsync(teacher), minConfidence, sweep[0].AcceptedShare, sweep[0].LabelAccuracy, [.. sweep.OrderBy(s => s.MinConfidence)]);
        progress.Dispose();
        Print(result);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result, Json));
        }

        return 0;
    }

    private static void Print(TeachResult r)
    {
        static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine($"teacher {r.Teacher}: {Pct(r.TeacherAccuracy)} % on the test set");
        Console.WriteLine($"student {r.Student}: {Pct(r.Before)} % before, {Pct(r.After)} % after ({(r.After - r.Before) * 100:+0.0;-0.0} points)");
        Console.WriteLine($"accepted at confidence ≥ {r.MinConfidence.ToString("0.00", CultureInfo.InvariantCulture)}: {Pct(r.AcceptedShare)} % of {r.Unlabelled} labels, {Pct(r.AcceptedLabelAccuracy)} % of them right");
        Console.WriteLine($"{"min conf",8} {"accepted %",10} {"right %",8} {"student %",9}");
        foreach (var s in r.Sweep)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.MinConfidence,8:0.00} {Pct(s.AcceptedShare),10} {Pct(s.LabelAccuracy),8} {Pct(s.StudentAccuracy),9}"));
        }
    }

    private sealed record ThresholdRow(double MinConfidence, double AcceptedShare, double LabelAccuracy, double StudentAccuracy);

    private sealed record TeachResult(string Teacher, string Student, int Labelled, int Unlabelled, double Before, double After, double TeacherAccuracy,
        double MinConfidence, double AcceptedShare, double AcceptedLabelAccuracy, IReadOnlyList<ThresholdRow> Sweep);
}
