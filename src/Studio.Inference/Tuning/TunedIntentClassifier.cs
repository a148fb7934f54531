using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;

namespace Studio.Inference.Tuning;

/// <summary>
/// The <c>tuned</c> rung, the ladder's last step: SetFit's two stages on a bot's own examples. Contrastive batches tune the
/// encoder's last transformer layer (<see cref="LayerTuner"/>), then the encoder rung's head, centroids and
/// out-of-scope detector are trained on the tuned encoder's vectors. It serves through the same pipeline as the encoder
/// rung, on the tuned model. Bots tuned before the block was (format 5) carry a residual adapter on the sentence vector
/// instead, and are served as they were tuned (docs/decisions/0020, 0023).
/// </summary>
public sealed class TunedIntentClassifier : ILocalIntentClassifier
{
    public const string RungId = "tuned";

    public TunedIntentClassifier(TunedEncoderLayer layer, EncoderIntentClassifier inner)
    {
        Layer = layer;
        Inner = inner;
    }

    public TunedIntentClassifier(ResidualAdapter adapter, EncoderIntentClassifier inner)
    {
        Adapter = adapter;
        Inner = inner;
    }

    public string Rung => RungId;

    public IReadOnlyList<string> Intents => Inner.Intents;

    /// <summary>The tuned encoder; null for a bot tuned with an adapter.</summary>
    public TunedEncoderLayer? Layer { get; }

    /// <summary>The adapter of a bot tuned before format 6; null otherwise.</summary>
    public ResidualAdapter? Adapter { get; }

    /// <summary>SHA-256 of what was tuned (the tuned model's bytes, or the adapter's weights), recorded with a published version.</summary>
    public string Hash => Layer?.Hash ?? Adapter!.Hash;

    /// <summary>The encoder rung trained over the tuned vectors.</summary>
    public EncoderIntentClassifier Inner { get; }

    public IntentPrediction Classify(string text) => Inner.Classify(text);

    public IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Inner.ClassifyBatch(texts, progress, cancellationToken);

    /// <summary>The tuned vectors of <paramref name="texts"/>, as the rung sees them.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Inner.Embedder.Embed(texts, cancellationToken: cancellationToken);

    public static TunedIntentClassifier Train(IReadOnlyList<LabelledText> examples, OnnxSentenceEncoder encoder, TrainingOptions options, LayerTuner tuner,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (_, labels) = IntentLabels.Of(examples);
        var texts = examples.Select(e => e.Text).ToArray();
        var graph = new OnnxModelGraph(encoder.ReadModel());
        var names = TopLayerNames.Find(graph);
        var start = names.Read(graph);
        float[][] tokens;
        using (var states = encoder.WithModel(graph.WithOutput(names.Input), encoder.ModelId + "+block-input", names.Input))
        {
            tokens = states.TokenStates(texts, new InlineProgress<int>(n => progress?.Report(new TrainingProgress("Reading the examples' inputs to the last layer", n, texts.Length))),
                cancellationToken);
        }

        // Calibration must see held-out examples as new messages are seen: through a block tuned without them.
        var (trainPart, _) = HeldOutSplit.Split(labels, options.HoldOutEvery);
        var partial = tuner.Train(start, [.. trainPart.Select(i => tokens[i])], [.. trainPart.Select(i => labels[i])], progress, cancellationToken);
        var calibrationVectors = EmbedAll(partial, tokens, cancellationToken);
        var block = tuner.Train(start, tokens, labels, progress, cancellationToken);
        var tunedVectors = EmbedAll(block, tokens, cancellationToken);
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++)
        {
            known.TryAdd(texts[i], tunedVectors[i]);
        }

        var layer = TunedEncoderLayer.Create(encoder, block, graph);
        try
        {
            var inner = EncoderIntentClassifier.Train(examples, layer.Encoder, options, new PrecomputedEmbedder(known, layer.Encoder), progress, calibrationVectors, cancellationToken);
            return new TunedIntentClassifier(layer, inner);
        }
        catch
        {
            layer.Dispose();
            throw;
        }
    }

    private static float[][] EmbedAll(TransformerLayer block, float[][] tokens, CancellationToken cancellationToken) =>
        [.. tokens.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(t => block.Embed(t))];
}
