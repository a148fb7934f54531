using System.Globalization;
using Studio.Core.Evaluation;
using Studio.Inference.Sentiment;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench sentiment --transfer &lt;csv&gt;</c>: the head trained on one kind of text (tweets) measured on another
/// (bank customers' messages, <c>text,label[,split]</c>): as shipped; with its class priors re-estimated on the test
/// messages themselves, unlabelled; fine-tuned on a bot's own labelled examples (the banking template's); and fine-tuned
/// on the file's validation rows. Figures are the test rows'.
/// </summary>
internal static class SentimentTransferBench
{
    internal sealed record TransferResult(string Recipe, double ValidationAccuracy, double Accuracy, double MacroF1);

    public static IReadOnlyList<TransferResult> Run(SentimentClassifier shipped, IReadOnlyList<(string Text, string Label)> botExamples,
        string transferPath, CancellationToken cancellationToken)
    {
        var rows = Read(transferPath);
        var validation = rows.Where(r => r.Split == "validation").Select(r => (r.Text, r.Label)).ToList();
        var test = rows.Where(r => r.Split != "validation").Select(r => (r.Text, r.Label)).ToList();
        var results = new List<TransferResult>();
        void Add(string recipe, Func<string[], string[]> predict)
        {
            var validationAccuracy = validation.Count == 0 ? double.NaN : Accuracy(validation, predict([.. validation.Select(v => v.Text)]));
            var predicted = predict([.. test.Select(t => t.Text)]);
            var report = ClassificationReport.Compute(test.Select(t => (string?)t.Label).ToArray(), predicted.Select(p => (string?)p).ToArray());
            results.Add(new TransferResult(recipe, validationAccuracy, report.Accuracy, report.MacroF1));
        }

        string[] Labels(SentimentClassifier head, string[] texts) => [.. head.ClassifyBatch(texts, cancellationToken: cancellationToken).Select(r => r.Label)];

        Add("shipped", texts => Labels(shipped, texts));
        Add("shipped+priors", texts => Labels(shipped.AdaptPriors(texts, cancellationToken: cancellationToken), texts));
        if (botExamples.Count > 0)
        {
            // What a designer does: label a few messages of the bot's own kind; training fine-tunes the head on them.
            var tunedOnBot = shipped.FineTune(botExamples, cancellationToken);
            Add($"fine-tuned on {botExamples.Count} bot examples", texts => Labels(tunedOnBot, texts));
        }

        if (validation.Count > 0)
        {
            var tuned = shipped.FineTune(validation, cancellationToken);
            Add("fine-tuned on validation", texts => Labels(tuned, texts));
        }

        return results;
    }

    public static void Print(IReadOnlyList<TransferResult> results)
    {
        Console.WriteLine($"{"transfer recipe",-28} {"valid %",8} {"test %",7} {"F1 %",6}");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Recipe,-28} {r.ValidationAccuracy * 100,8:0.0} {r.Accuracy * 100,7:0.0} {r.MacroF1 * 100,6:0.0}"));
        }
    }

    private static double Accuracy(List<(string Text, string Label)> rows, string[] predicted) =>
        rows.Where((r, i) => r.Label == predicted[i]).Count() / (double)rows.Count;

    private static List<(string Text, string Label, string Split)> Read(string path)
    {
        var csv = HeadedCsv.Read(path);
        return [.. csv.Rows.Select(r => (r.Fields[0], r.Fields[1], csv.Field(r.Fields, "split", "test")))];
    }
}
