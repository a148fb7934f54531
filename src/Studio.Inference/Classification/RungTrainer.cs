using System.Diagnostics;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;

namespace Studio.Inference.Classification;

/// <summary>
/// Trains the setups a benchmark, evaluation or comparison names — <c>ngram</c>, <c>encoder</c>, cascades, and
/// whatever <paramref name="other"/> knows (the ML.NET baseline, large-model profiles) — once each, timing
/// every training.
/// </summary>
public sealed class RungTrainer(OnnxSentenceEncoder encoder, ITextEmbedder trainingEmbedder, Action<string, double> progress, CancellationToken cancellationToken,
    Func<string, IReadOnlyList<LabelledText>, IIntentClassifier?>? other = null)
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
                new InlineProgress<double>(f => progress($"{rung}: training", f)), cancellationToken),
            EncoderIntentClassifier.RungId => EncoderIntentClassifier.Train(data, encoder, new TrainingOptions(), trainingEmbedder,
                new InlineProgress<TrainingProgress>(p => progress($"{rung}: {p.Stage.ToLowerInvariant()}", p.Fraction)), cancellationToken),
            _ when CascadeIntentClassifier.Parse(rung) is { } cascade => Cascade(cascade, data),
            _ => other?.Invoke(rung, data) ?? throw new ArgumentException($"Unknown setup '{rung}'. Setups: ngram, encoder, cascade:<small>><large>@<threshold>, or a model profile id."),
        };
        var result = (classifier, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (remember)
        {
            _trained[rung] = result;
        }

        return result;
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
