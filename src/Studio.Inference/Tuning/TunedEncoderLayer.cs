using Studio.Inference.Encoding;

namespace Studio.Inference.Tuning;

/// <summary>
/// The encoder with its last transformer layer tuned on a bot's examples. It is served as a whole ONNX model: the
/// encoder's own file with the layer's sixteen weights overwritten in place, so classifying a message costs one encoder call
/// like the encoder rung, and the version's model hash is the hash of exactly those bytes.
/// </summary>
public sealed class TunedEncoderLayer : IDisposable
{
    private TunedEncoderLayer(TransformerLayer block, OnnxSentenceEncoder encoder, long sizeBytes)
    {
        Block = block;
        Encoder = encoder;
        SizeBytes = sizeBytes;
    }

    /// <summary>The tuned model file's size.</summary>
    public long SizeBytes { get; }

    public TransformerLayer Block { get; }

    /// <summary>The tuned model, which embeds messages for the tuned rung.</summary>
    public OnnxSentenceEncoder Encoder { get; }

    /// <summary>SHA-256 of the tuned model's bytes.</summary>
    public string Hash => Encoder.ModelHash;

    /// <summary>The tuned encoder made from <paramref name="encoder"/>'s own file and the tuned <paramref name="block"/>.</summary>
    public static TunedEncoderLayer Create(OnnxSentenceEncoder encoder, TransformerLayer block, OnnxModelGraph? graph = null)
    {
        graph ??= new OnnxModelGraph(encoder.ReadModel());
        var names = TopLayerNames.Find(graph);
        var model = graph.WithWeights(names.Values(block));
        return new TunedEncoderLayer(block, encoder.WithModel(model, encoder.ModelId + "+tuned"), model.Length);
    }

    public void Dispose() => Encoder.Dispose();
}
