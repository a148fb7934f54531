using System.Diagnostics;
using Studio.Core.Setups;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;

namespace Studio.Inference.Classification;

/// <summary>
/// Trains the intent setups a benchmark, evaluation or comparison names — <c>ngram</c>, <c>encoder</c>, cascades, and
/// whatever <paramref name="other"/> knows (the ML.NET baseline, large-model profiles) — once each, timing every training.
/// </summary>
public sealed class RungTrainer(OnnxSentenceEncoder encoder, ITextEmbedder trainingEmbedder, Action<string, double> progress, CancellationToken cancellationToken,
    Func<string, IReadOnlyList<LabelledText>, IIntentClassifier?>? other = null)
{
    private readonly Dictionary<string, (IIntentClassifier Classifier, double Seconds)> _trained = [];

    public Task<(IIntentClassifier Classifier, double Seconds)> TrainAsync(string setup, IReadOnlyList<LabelledText> data) =>
        CascadePolicy.IsCascade(setup) ? TrainAsync(IntentSetup.Parse(setup), data) : Task.FromResult(TrainRung(setup, data));

    public async Task<(IIntentClassifier Classifier, double Seconds)> TrainAsync(IntentSetup setup, IReadOnlyList<LabelledText> data)
    {
        if (setup.Cascade is not { } cascade)
        {
            return TrainRung(setup.Alone!.Name, data, remember: true);
        }

        var started = Stopwatch.GetTimestamp();
        var classifier = await CascadeAsync(cascade, data);
        return (classifier, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>One rung (not a cascade), trained once and then reused.</summary>
    public (IIntentClassifier Classifier, double Seconds) TrainRung(string rung, IReadOnlyList<LabelledText> data) => TrainRung(rung, data, remember: true);

    private (IIntentClassifier Classifier, double Seconds) TrainRung(string rung, IReadOnlyList<LabelledText> data, bool remember)
    {
        if (remember && _trained.TryGetValue(rung, out var known))
        {
            return known;
        }

        var started = Stopwatch.GetTimestamp();
        IIntentClassifier classifier = rung switch
        {
            NgramIntentClassifier.RungId => NgramIntentClassifier.Train(data, new TrainingOptions(),
                new InlineProgress<double>(f => progress($"{rung}: training", f)), cancellationToken),
            EncoderIntentClassifier.RungId => EncoderIntentClassifier.Train(data, encoder, new TrainingOptions(), trainingEmbedder,
                new InlineProgress<TrainingProgress>(p => progress($"{rung}: {p.Stage.ToLowerInvariant()}", p.Fraction)), cancellationToken: cancellationToken),
            Tuning.TunedIntentClassifier.RungId => Tuning.TunedIntentClassifier.Train(data, encoder, new TrainingOptions(), new Tuning.LayerTuner(),
                new InlineProgress<TrainingProgress>(p => progress($"{rung}: {p.Stage.ToLowerInvariant()}", p.Fraction)), cancellationToken),
            _ => other?.Invoke(rung, data) ?? throw new SetupException($"Unknown setup '{rung}'. Setups: ngram, encoder, tuned, cascade:<small>><large>@<threshold>, or a model profile id."),
        };
        var result = (classifier, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (remember)
        {
            _trained[rung] = result;
        }

        return result;
    }

    // A cascade reuses its rungs' models; without a threshold it picks one on held-out examples first.
    private async Task<CascadeIntentClassifier> CascadeAsync(CascadePolicy cascade, IReadOnlyList<LabelledText> data)
    {
        var threshold = cascade.Threshold;
        if (threshold is null)
        {
            var labels = data.Select(e => e.Label!).ToArray();
            var index = labels.Distinct().Order(StringComparer.Ordinal).Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
            var (trainPart, heldOut) = HeldOutSplit.Split(labels.Select(l => index[l]).ToArray(), 7);
            var part = trainPart.Select(i => data[i]).ToList();
            var heldTexts = heldOut.Select(i => data[i].Text).ToArray();
            var small = await TrainRung(cascade.Small.Name, part, remember: false).Classifier.ClassifyBatchAsync(heldTexts, cancellationToken: cancellationToken);
            var large = await TrainRung(cascade.Large.Name, part, remember: false).Classifier.ClassifyBatchAsync(heldTexts, cancellationToken: cancellationToken);
            threshold = CascadeIntentClassifier.ChooseThreshold(small, large, heldOut.Select(i => labels[i]).ToArray());
        }

        return new CascadeIntentClassifier(TrainRung(cascade.Small.Name, data, remember: true).Classifier, TrainRung(cascade.Large.Name, data, remember: true).Classifier, threshold.Value);
    }
}
