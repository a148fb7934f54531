using System.Diagnostics;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;

namespace Studio.Cli.Bench;

/// <summary>
/// Trains the rungs a benchmark or evaluation names — <c>ngram</c>, <c>encoder</c>, <c>mlnet</c>, cascades, and
/// whatever <paramref name="other"/> knows (large-model profiles) — once each, timing every training.
/// </summary>
internal sealed class RungTrainer(OnnxSentenceEncoder encoder, ITextEmbedder trainingEmbedder, TerminalProgress progress, CancellationToken cancellationToken,
    Func<string, IIntentClassifier?>? other = null)
{
    private readonly Dictionary<string, (IIntentClassifier Classifier, double Seconds)> _trained = [];

    public (IIntentClassifier Classifier, double Seconds) Train(string rung, IReadOnlyList<LabelledText> data) =>
        Train(rung, data, remember: CascadeIntentClassifier.Parse(rung) is null);

    private (IIntentClassifier Classifier, double Seconds) Train(string rung, IReadOnlyList<LabelledText> data, bool remember)
    {
        if (remember && _trained.TryGetValue(rung, out var known))
        {
            return known;
        }

        var started = Stopwatch.GetTimestamp();
        var classifier = rung switch
        {
            NgramIntentClassifier.RungId => NgramIntentClassifier.Train(data, new TrainingOptions(),
                new InlineProgress<double>(f => progress.Report($"{rung}: training", f)), cancellationToken),
            EncoderIntentClassifier.RungId => EncoderIntentClassifier.Train(data, encoder, new TrainingOptions(), trainingEmbedder,
                new InlineProgress<TrainingProgress>(p => progress.Report($"{rung}: {p.Stage.ToLowerInvariant()}", p.Fraction)), cancellationToken),
            Studio.Benchmarks.MlNetIntentClassifier.RungId => Baseline(data),
            _ when CascadeIntentClassifier.Parse(rung) is { } cascade => Cascade(cascade, data),
            _ => other?.Invoke(rung) ?? throw new ArgumentException($"Unknown rung '{rung}'. Rungs: ngram, encoder, mlnet, cascade:<small>><large>@<threshold>, or a model profile id."),
        };
        var result = (classifier, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (remember)
        {
            _trained[rung] = result;
        }

        return result;
    }

    private Studio.Benchmarks.MlNetIntentClassifier Baseline(IReadOnlyList<LabelledText> data)
    {
        progress.Report("mlnet: training (no progress reported)", 0);
        return Studio.Benchmarks.MlNetIntentClassifier.Train(data);
    }

    // A cascade reuses its rungs' models; without a threshold it picks one on held-out examples first.
    private CascadeIntentClassifier Cascade((string Small, string Large, float? Threshold) cascade, IReadOnlyList<LabelledText> data)
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
}
