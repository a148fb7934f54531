using System.Numerics.Tensors;

namespace Studio.Inference.Tuning;

/// <summary>
/// The feed-forward half of a BERT-style encoder's last transformer layer, the part the tuned rung trains: for each token
/// <c>y = LayerNorm(a + W₂ gelu(W₁ a + b₁) + b₂)</c>, then the sentence vector is the unit-length sum of the tokens'
/// <c>y</c>, as the encoder pools. Its input <c>a</c> (the layer's attention output) comes from an extra output of the
/// encoder's own ONNX graph, so nothing below the block is computed here. The backward pass is written out by hand and
/// checked against finite differences in the tests (docs/decisions/0023).
/// </summary>
public sealed class FeedForwardBlock
{
    private const float LayerNormEpsilon = 1e-12f;

    public FeedForwardBlock(int hidden, int inner, float[] w1, float[] b1, float[] w2, float[] b2, float[] gamma, float[] beta)
    {
        if (w1.Length != hidden * inner || b1.Length != inner || w2.Length != inner * hidden || b2.Length != hidden || gamma.Length != hidden || beta.Length != hidden)
        {
            throw new ArgumentException($"A feed-forward block of {hidden} → {inner} → {hidden} has weights of those shapes.");
        }

        Hidden = hidden;
        Inner = inner;
        W1 = w1;
        B1 = b1;
        W2 = w2;
        B2 = b2;
        Gamma = gamma;
        Beta = beta;
    }

    public int Hidden { get; }

    public int Inner { get; }

    /// <summary>Row-major [hidden, inner], as ONNX's MatMul holds it.</summary>
    public float[] W1 { get; }

    public float[] B1 { get; }

    /// <summary>Row-major [inner, hidden].</summary>
    public float[] W2 { get; }

    public float[] B2 { get; }

    public float[] Gamma { get; }

    public float[] Beta { get; }

    /// <summary>Every weight, in a fixed order (the optimiser and the file walk them alike).</summary>
    public IReadOnlyList<float[]> Parameters => [W1, B1, W2, B2, Gamma, Beta];

    public static FeedForwardBlock ZerosLike(FeedForwardBlock shape) =>
        new(shape.Hidden, shape.Inner, new float[shape.W1.Length], new float[shape.B1.Length], new float[shape.W2.Length], new float[shape.B2.Length],
            new float[shape.Hidden], new float[shape.Hidden]);

    public FeedForwardBlock Clone() =>
        new(Hidden, Inner, (float[])W1.Clone(), (float[])B1.Clone(), (float[])W2.Clone(), (float[])B2.Clone(), (float[])Gamma.Clone(), (float[])Beta.Clone());

    /// <summary>What the forward pass keeps of one sentence for its backward pass.</summary>
    public sealed class Trace(int tokens, int hidden, int inner)
    {
        public int Tokens { get; } = tokens;

        public float[] PreActivation { get; } = new float[tokens * inner];

        public float[] Activation { get; } = new float[tokens * inner];

        public float[] Normalised { get; } = new float[tokens * hidden];

        public float[] InverseDeviation { get; } = new float[tokens];

        /// <summary>The sum of the tokens' outputs, before it is scaled to unit length.</summary>
        public float[] Pooled { get; } = new float[hidden];
    }

    public Trace Forward(ReadOnlySpan<float> tokens)
    {
        var count = tokens.Length / Hidden;
        var trace = new Trace(count, Hidden, Inner);
        for (var t = 0; t < count; t++)
        {
            B1.CopyTo(trace.PreActivation.AsSpan(t * Inner, Inner));
        }

        RowMatrix.MultiplyAdd(tokens, W1, trace.PreActivation, Hidden, Inner);
        for (var j = 0; j < trace.PreActivation.Length; j++)
        {
            trace.Activation[j] = Gelu(trace.PreActivation[j]);
        }

        var z = new float[count * Hidden];
        tokens.CopyTo(z);
        for (var t = 0; t < count; t++)
        {
            var row = z.AsSpan(t * Hidden, Hidden);
            TensorPrimitives.Add(row, B2, row);
        }

        RowMatrix.MultiplyAdd(trace.Activation, W2, z, Inner, Hidden);
        for (var t = 0; t < count; t++)
        {
            var normalised = trace.Normalised.AsSpan(t * Hidden, Hidden);
            trace.InverseDeviation[t] = Normalise(z.AsSpan(t * Hidden, Hidden), normalised);
            // Pooled += γ ⊙ x̂ + β
            TensorPrimitives.MultiplyAdd(normalised, Gamma, trace.Pooled, trace.Pooled);
            TensorPrimitives.Add(trace.Pooled, Beta, trace.Pooled);
        }

        return trace;
    }

    /// <summary>
    /// Adds ∂loss/∂weights to <paramref name="gradient"/>, given ∂loss/∂(pooled sum) of one sentence. Pooling is a sum, so
    /// every token's output receives that same gradient; from there LayerNorm, the residual, W₂, gelu and W₁ in turn.
    /// With <paramref name="inputGradient"/> it also gives ∂loss/∂(each token's input), for the block below.
    /// </summary>
    public void Backward(ReadOnlySpan<float> tokens, Trace trace, ReadOnlySpan<float> pooledGradient, FeedForwardBlock gradient, Span<float> inputGradient = default)
    {
        var count = trace.Tokens;
        var dNormalised = new float[Hidden];
        var dz = new float[count * Hidden];
        TensorPrimitives.Multiply(pooledGradient, Gamma, dNormalised);
        for (var t = 0; t < count; t++)
        {
            var normalised = trace.Normalised.AsSpan(t * Hidden, Hidden);
            TensorPrimitives.MultiplyAdd(pooledGradient, normalised, gradient.Gamma, gradient.Gamma);
            TensorPrimitives.Add(gradient.Beta, pooledGradient, gradient.Beta);
            NormaliseBackward(dNormalised, normalised, trace.InverseDeviation[t], dz.AsSpan(t * Hidden, Hidden));
        }

        RowMatrix.AddRows(dz, gradient.B2);
        RowMatrix.AddOuterProducts(trace.Activation, dz, gradient.W2, Inner, Hidden);
        var dh = new float[count * Inner];
        RowMatrix.AddTransposedProduct(dz, W2, dh, Inner, Hidden);
        for (var j = 0; j < dh.Length; j++)
        {
            dh[j] *= GeluSlope(trace.PreActivation[j]);
        }

        RowMatrix.AddRows(dh, gradient.B1);
        RowMatrix.AddOuterProducts(tokens, dh, gradient.W1, Hidden, Inner);
        if (!inputGradient.IsEmpty)
        {
            // The residual carries dz straight to the input; W₁ carries dh.
            dz.CopyTo(inputGradient);
            RowMatrix.AddTransposedProduct(dh, W1, inputGradient, Hidden, Inner);
        }
    }

    /// <summary>LayerNorm's standardisation: x̂ = (z − mean) / σ into <paramref name="normalised"/>; returns 1/σ.</summary>
    internal static float Normalise(ReadOnlySpan<float> z, Span<float> normalised)
    {
        var mean = TensorPrimitives.Sum(z) / z.Length;
        TensorPrimitives.Subtract(z, mean, normalised);
        var inverse = 1f / MathF.Sqrt((TensorPrimitives.SumOfSquares(normalised) / z.Length) + LayerNormEpsilon);
        TensorPrimitives.Multiply(normalised, inverse, normalised);
        return inverse;
    }

    /// <summary>∂z from ∂x̂: (∂x̂ − mean(∂x̂) − x̂ · mean(∂x̂ ⊙ x̂)) / σ.</summary>
    internal static void NormaliseBackward(ReadOnlySpan<float> dNormalised, ReadOnlySpan<float> normalised, float inverseDeviation, Span<float> dz)
    {
        var projection = TensorPrimitives.Dot(dNormalised, normalised) / normalised.Length;
        TensorPrimitives.Subtract(dNormalised, TensorPrimitives.Sum(dNormalised) / normalised.Length, dz);
        TensorPrimitives.MultiplyAdd(normalised, -projection, dz, dz);
        TensorPrimitives.Multiply(dz, inverseDeviation, dz);
    }

    /// <summary>The exact gelu BERT uses, x Φ(x), not the tanh approximation.</summary>
    public static float Gelu(float x) => 0.5f * x * (1f + Erf(x * 0.70710678f));

    /// <summary>d/dx of x Φ(x): Φ(x) + x φ(x).</summary>
    public static float GeluSlope(float x) => (0.5f * (1f + Erf(x * 0.70710678f))) + (x * 0.39894228f * MathF.Exp(-0.5f * x * x));

    // Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7: finer than float arithmetic over the block.
    private static float Erf(float x)
    {
        var sign = MathF.Sign(x);
        x = MathF.Abs(x);
        var t = 1f / (1f + (0.3275911f * x));
        var y = 1f - ((((((((1.061405429f * t) - 1.453152027f) * t) + 1.421413741f) * t) - 0.284496736f) * t) + 0.254829592f) * t * MathF.Exp(-x * x);
        return sign * y;
    }
}
