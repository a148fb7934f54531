using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;

namespace Studio.Inference.Tuning;

/// <summary>
/// The <c>tuned</c> rung, the ladder's last step: SetFit's two stages on a bot's own examples. Contrastive pairs tune a
/// residual adapter on the encoder's sentence vector (<see cref="ContrastiveTuner"/>), then the encoder rung's head,
/// centroids and out-of-scope detector are trained on the tuned vectors. It serves through the same pipeline as the
/// encoder rung, one adapter product per message more.
/// </summary>
public sealed class TunedIntentClassifier(ResidualAdapter adapter, EncoderIntentClassifier inner) : ILocalIntentClassifier
{
    public const string RungId = "tuned";

    public string Rung => RungId;

    public IReadOnlyList<string> Intents => Inner.Intents;

    public ResidualAdapter Adapter { get; } = adapter;

    /// <summary>The encoder rung trained over the adapted vectors.</summary>
    public EncoderIntentClassifier Inner { get; } = inner;

    public IntentPrediction Classify(string text) => Inner.Classify(text);

    public IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Inner.ClassifyBatch(texts, progress, cancellationToken);

    public static TunedIntentClassifier Train(IReadOnlyList<LabelledText> examples, ITextEmbedder embedder, TrainingOptions options, ContrastiveTuner tuner,
        ITextEmbedder? trainingEmbedder = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (_, labels) = IntentLabels.Of(examples);
        var training = trainingEmbedder ?? embedder;
        var vectors = training.Embed([.. examples.Select(e => e.Text)],
            new InlineProgress<int>(n => progress?.Report(new TrainingProgress("Embedding examples", n, examples.Count))), cancellationToken);
        // Calibration must see held-out examples as new messages are seen: through an adapter tuned without them.
        var (trainPart, _) = HeldOutSplit.Split(labels, options.HoldOutEvery);
        var partialAdapter = tuner.Train([.. trainPart.Select(i => vectors[i])], [.. trainPart.Select(i => labels[i])], progress, cancellationToken);
        var calibrationVectors = vectors.Select(v => partialAdapter.Apply(v)).ToArray();
        var adapter = tuner.Train(vectors, labels, progress, cancellationToken);
        var inner = EncoderIntentClassifier.Train(examples, new AdaptedEmbedder(embedder, adapter), options, new AdaptedEmbedder(training, adapter), progress,
            calibrationVectors, cancellationToken);
        return new TunedIntentClassifier(adapter, inner);
    }
}
