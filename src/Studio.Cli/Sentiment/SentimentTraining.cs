using Studio.Core.Evaluation;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;
using Studio.Inference.Sentiment;

namespace Studio.Cli.Sentiment;

/// <summary>Training a sentiment head from a CSV, with a progress bar; shared by <c>sentiment train</c> and <c>bench sentiment</c>.</summary>
internal static class SentimentTraining
{
    public static SentimentClassifier Train(FileInfo csv, ITextEmbedder embedder, CancellationToken cancellationToken)
    {
        var rows = LabelledCsv.Read(csv.FullName);
        Console.WriteLine($"training the encoder head on {rows.Count} labelled texts from {csv.Name}");
        using var progress = new TerminalProgress();
        return SentimentClassifier.Train(rows, embedder, new InlineProgress<(string Stage, double Fraction)>(p => progress.Report(p.Stage, p.Fraction)), cancellationToken);
    }

    public static NgramSentimentClassifier TrainNgram(FileInfo csv, CancellationToken cancellationToken)
    {
        var rows = LabelledCsv.Read(csv.FullName);
        Console.WriteLine($"training the n-gram head on {rows.Count} labelled texts from {csv.Name}");
        using var progress = new TerminalProgress();
        return NgramSentimentClassifier.Train(rows, new InlineProgress<(string Stage, double Fraction)>(p => progress.Report(p.Stage, p.Fraction)), cancellationToken);
    }
}
