using System.Numerics.Tensors;

namespace Studio.Inference.Tuning;

/// <summary>
/// The self-attention half of a BERT-style encoder's last layer: for the tokens' inputs x, per head
/// <c>softmax(Q Kᵀ / √d) V</c> with <c>Q = x W_q + b_q</c> (and K, V alike), the heads side by side, then
/// <c>a = LayerNorm(x + C W_o + b_o)</c>, which the <see cref="FeedForwardBlock"/> reads. A sentence is run alone, so no
/// token is padding and the attention mask adds nothing. The backward pass is checked against finite differences.
/// </summary>
public sealed class AttentionBlock
{
    public AttentionBlock(int hidden, int heads, float[][] weights)
    {
        if (heads < 1 || hidden % heads != 0 || weights.Length != 10 || Enumerable.Range(0, 10).Any(i => weights[i].Length != (i is 0 or 2 or 4 or 6 ? hidden * hidden : hidden)))
        {
            throw new ArgumentException($"An attention block of width {hidden} has four {hidden} × {hidden} matrices and six vectors of {hidden}, and heads that divide it.");
        }

        Hidden = hidden;
        Heads = heads;
        Parameters = weights;
    }

    public int Hidden { get; }

    public int Heads { get; }

    public int HeadSize => Hidden / Heads;

    /// <summary>W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o, then the LayerNorm's γ and β; matrices row-major [in, out].</summary>
    public IReadOnlyList<float[]> Parameters { get; }

    private float[] Wq => Parameters[0];

    private float[] Bq => Parameters[1];

    private float[] Wk => Parameters[2];

    private float[] Bk => Parameters[3];

    private float[] Wv => Parameters[4];

    private float[] Bv => Parameters[5];

    private float[] Wo => Parameters[6];

    private float[] Bo => Parameters[7];

    private float[] Gamma => Parameters[8];

    private float[] Beta => Parameters[9];

    public AttentionBlock Clone() => new(Hidden, Heads, [.. Parameters.Select(p => (float[])p.Clone())]);

    public static AttentionBlock ZerosLike(AttentionBlock shape) => new(shape.Hidden, shape.Heads, [.. shape.Parameters.Select(p => new float[p.Length])]);

    /// <summary>What the forward pass keeps of one sentence for its backward pass.</summary>
    public sealed class Trace(int tokens, int hidden, int heads)
    {
        public int Tokens { get; } = tokens;

        public float[] Q { get; } = new float[tokens * hidden];

        public float[] K { get; } = new float[tokens * hidden];

        public float[] V { get; } = new float[tokens * hidden];

        /// <summary>Per head, the tokens × tokens attention weights.</summary>
        public float[] Weights { get; } = new float[heads * tokens * tokens];

        public float[] Context { get; } = new float[tokens * hidden];

        public float[] Normalised { get; } = new float[tokens * hidden];

        public float[] InverseDeviation { get; } = new float[tokens];

        /// <summary>The block's output a, the feed-forward block's input.</summary>
        public float[] Output { get; } = new float[tokens * hidden];
    }

    public Trace Forward(ReadOnlySpan<float> tokens)
    {
        var count = tokens.Length / Hidden;
        var trace = new Trace(count, Hidden, Heads);
        Project(tokens, Wq, Bq, trace.Q);
        Project(tokens, Wk, Bk, trace.K);
        Project(tokens, Wv, Bv, trace.V);
        var scale = 1f / MathF.Sqrt(HeadSize);
        for (var h = 0; h < Heads; h++)
        {
            var offset = h * HeadSize;
            for (var i = 0; i < count; i++)
            {
                var row = trace.Weights.AsSpan(((h * count) + i) * count, count);
                var q = trace.Q.AsSpan((i * Hidden) + offset, HeadSize);
                for (var j = 0; j < count; j++)
                {
                    row[j] = TensorPrimitives.Dot(q, trace.K.AsSpan((j * Hidden) + offset, HeadSize)) * scale;
                }

                TensorPrimitives.SoftMax(row, row);
                var context = trace.Context.AsSpan((i * Hidden) + offset, HeadSize);
                for (var j = 0; j < count; j++)
                {
                    TensorPrimitives.MultiplyAdd(trace.V.AsSpan((j * Hidden) + offset, HeadSize), row[j], context, context);
                }
            }
        }

        Project(trace.Context, Wo, Bo, trace.Output);
        TensorPrimitives.Add(trace.Output, tokens, trace.Output);
        for (var t = 0; t < count; t++)
        {
            var z = trace.Output.AsSpan(t * Hidden, Hidden);
            var normalised = trace.Normalised.AsSpan(t * Hidden, Hidden);
            trace.InverseDeviation[t] = FeedForwardBlock.Normalise(z, normalised);
            TensorPrimitives.Multiply(normalised, Gamma, z);
            TensorPrimitives.Add(z, Beta, z);
        }

        return trace;
    }

    /// <summary>Adds ∂loss/∂weights to <paramref name="gradient"/>, given ∂loss/∂a for each token (<paramref name="outputGradient"/>).</summary>
    public void Backward(ReadOnlySpan<float> tokens, Trace trace, ReadOnlySpan<float> outputGradient, AttentionBlock gradient)
    {
        var count = trace.Tokens;
        var dz = new float[count * Hidden];
        var dNormalised = new float[Hidden];
        for (var t = 0; t < count; t++)
        {
            var dy = outputGradient.Slice(t * Hidden, Hidden);
            var normalised = trace.Normalised.AsSpan(t * Hidden, Hidden);
            TensorPrimitives.MultiplyAdd(dy, normalised, gradient.Gamma, gradient.Gamma);
            TensorPrimitives.Add(gradient.Beta, dy, gradient.Beta);
            TensorPrimitives.Multiply(dy, Gamma, dNormalised);
            FeedForwardBlock.NormaliseBackward(dNormalised, normalised, trace.InverseDeviation[t], dz.AsSpan(t * Hidden, Hidden));
        }

        // The residual carries dz to x, which is frozen; the rest goes back through W_o to the heads.
        var dContext = new float[count * Hidden];
        ProjectBackward(trace.Context, Wo, dz, gradient.Wo, gradient.Bo, dContext);

        var dq = new float[count * Hidden];
        var dk = new float[count * Hidden];
        var dv = new float[count * Hidden];
        var dWeights = new float[count];
        var scale = 1f / MathF.Sqrt(HeadSize);
        for (var h = 0; h < Heads; h++)
        {
            var offset = h * HeadSize;
            for (var i = 0; i < count; i++)
            {
                var row = trace.Weights.AsSpan(((h * count) + i) * count, count);
                var dContextRow = dContext.AsSpan((i * Hidden) + offset, HeadSize);
                for (var j = 0; j < count; j++)
                {
                    var v = trace.V.AsSpan((j * Hidden) + offset, HeadSize);
                    dWeights[j] = TensorPrimitives.Dot(dContextRow, v);
                    var dvRow = dv.AsSpan((j * Hidden) + offset, HeadSize);
                    TensorPrimitives.MultiplyAdd(dContextRow, row[j], dvRow, dvRow);
                }

                // Through the softmax: ∂s_j = p_j (∂p_j − Σ_l p_l ∂p_l), then through the scaled dot products.
                var expected = TensorPrimitives.Dot(row, dWeights);
                var dqRow = dq.AsSpan((i * Hidden) + offset, HeadSize);
                var q = trace.Q.AsSpan((i * Hidden) + offset, HeadSize);
                for (var j = 0; j < count; j++)
                {
                    var dScore = row[j] * (dWeights[j] - expected) * scale;
                    TensorPrimitives.MultiplyAdd(trace.K.AsSpan((j * Hidden) + offset, HeadSize), dScore, dqRow, dqRow);
                    var dkRow = dk.AsSpan((j * Hidden) + offset, HeadSize);
                    TensorPrimitives.MultiplyAdd(q, dScore, dkRow, dkRow);
                }
            }
        }

        ProjectBackward(tokens, Wq, dq, gradient.Wq, gradient.Bq, default);
        ProjectBackward(tokens, Wk, dk, gradient.Wk, gradient.Bk, default);
        ProjectBackward(tokens, Wv, dv, gradient.Wv, gradient.Bv, default);
    }

    // output[t] = bias + Σ_k input[t, k] W[k, :]
    private void Project(ReadOnlySpan<float> input, float[] weights, float[] bias, Span<float> output)
    {
        for (var t = 0; t < input.Length / Hidden; t++)
        {
            bias.CopyTo(output.Slice(t * Hidden, Hidden));
        }

        RowMatrix.MultiplyAdd(input, weights, output, Hidden, Hidden);
    }

    private void ProjectBackward(ReadOnlySpan<float> input, float[] weights, ReadOnlySpan<float> outputGradient, float[] weightGradient, float[] biasGradient, Span<float> inputGradient)
    {
        RowMatrix.AddRows(outputGradient, biasGradient);
        RowMatrix.AddOuterProducts(input, outputGradient, weightGradient, Hidden, Hidden);
        if (!inputGradient.IsEmpty)
        {
            RowMatrix.AddTransposedProduct(outputGradient, weights, inputGradient, Hidden, Hidden);
        }
    }
}
