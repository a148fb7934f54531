using System.Numerics.Tensors;

namespace Studio.Inference.Tuning;

/// <summary>
/// A BERT-style encoder's last transformer layer, the part of the model the tuned rung trains: self-attention, then the
/// feed-forward block, then the unit-length sum of the tokens as the encoder pools. Its input, the layer below's output,
/// comes from an extra output of the encoder's own ONNX graph (docs/decisions/0023).
/// </summary>
public sealed class TransformerLayer(AttentionBlock attention, FeedForwardBlock feedForward)
{
    public AttentionBlock Attention { get; } = attention;

    public FeedForwardBlock FeedForward { get; } = feedForward;

    public int Hidden => FeedForward.Hidden;

    /// <summary>The attention block's ten weights, then the feed-forward block's six.</summary>
    public IReadOnlyList<float[]> Parameters => [.. Attention.Parameters, .. FeedForward.Parameters];

    public sealed record Trace(AttentionBlock.Trace Attention, FeedForwardBlock.Trace FeedForward)
    {
        /// <summary>The sum of the tokens' outputs, before it is scaled to unit length.</summary>
        public float[] Pooled => FeedForward.Pooled;
    }

    public TransformerLayer Clone() => new(Attention.Clone(), FeedForward.Clone());

    public static TransformerLayer ZerosLike(TransformerLayer shape) => new(AttentionBlock.ZerosLike(shape.Attention), FeedForwardBlock.ZerosLike(shape.FeedForward));

    public Trace Forward(ReadOnlySpan<float> tokens)
    {
        var attention = Attention.Forward(tokens);
        return new Trace(attention, FeedForward.Forward(attention.Output));
    }

    /// <summary>The sentence's unit vector from its tokens' inputs to the layer (rows of <see cref="Hidden"/>).</summary>
    public float[] Embed(ReadOnlySpan<float> tokens)
    {
        var vector = (float[])Forward(tokens).Pooled.Clone();
        TensorPrimitives.Divide(vector, Math.Max(TensorPrimitives.Norm(vector), 1e-12f), vector);
        return vector;
    }

    /// <summary>Adds ∂loss/∂weights to <paramref name="gradient"/>, given ∂loss/∂(pooled sum) of one sentence.</summary>
    public void Backward(ReadOnlySpan<float> tokens, Trace trace, ReadOnlySpan<float> pooledGradient, TransformerLayer gradient)
    {
        var attentionOutputGradient = new float[trace.Attention.Output.Length];
        FeedForward.Backward(trace.Attention.Output, trace.FeedForward, pooledGradient, gradient.FeedForward, attentionOutputGradient);
        Attention.Backward(tokens, trace.Attention, attentionOutputGradient, gradient.Attention);
    }
}
