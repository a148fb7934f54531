using System.Numerics.Tensors;

namespace Studio.Inference.Tuning;

/// <summary>
/// The three products a layer's forward and backward passes need, over a sentence's tokens as rows. Each walks the
/// weight matrix once, row by row, and applies a row to every token while it is in cache: a weight matrix is megabytes,
/// a sentence's rows are kilobytes.
/// </summary>
internal static class RowMatrix
{
    /// <summary>output[t] += Σ_k input[t, k] W[k, :], for W of <paramref name="inputs"/> × <paramref name="outputs"/>.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> input, float[] weights, Span<float> output, int inputs, int outputs)
    {
        var count = input.Length / inputs;
        for (var k = 0; k < inputs; k++)
        {
            var row = weights.AsSpan(k * outputs, outputs);
            for (var t = 0; t < count; t++)
            {
                var target = output.Slice(t * outputs, outputs);
                TensorPrimitives.MultiplyAdd(row, input[(t * inputs) + k], target, target);
            }
        }
    }

    /// <summary>∂W[k, :] += Σ_t input[t, k] ∂output[t].</summary>
    public static void AddOuterProducts(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, float[] weightGradient, int inputs, int outputs)
    {
        var count = input.Length / inputs;
        for (var k = 0; k < inputs; k++)
        {
            var row = weightGradient.AsSpan(k * outputs, outputs);
            for (var t = 0; t < count; t++)
            {
                TensorPrimitives.MultiplyAdd(outputGradient.Slice(t * outputs, outputs), input[(t * inputs) + k], row, row);
            }
        }
    }

    /// <summary>∂input[t, k] += W[k, :] · ∂output[t].</summary>
    public static void AddTransposedProduct(ReadOnlySpan<float> outputGradient, float[] weights, Span<float> inputGradient, int inputs, int outputs)
    {
        var count = outputGradient.Length / outputs;
        for (var k = 0; k < inputs; k++)
        {
            var row = weights.AsSpan(k * outputs, outputs);
            for (var t = 0; t < count; t++)
            {
                inputGradient[(t * inputs) + k] += TensorPrimitives.Dot(row, outputGradient.Slice(t * outputs, outputs));
            }
        }
    }

    /// <summary>Adds the rows of <paramref name="outputGradient"/> to a bias's gradient.</summary>
    public static void AddRows(ReadOnlySpan<float> outputGradient, float[] biasGradient)
    {
        for (var t = 0; t < outputGradient.Length / biasGradient.Length; t++)
        {
            TensorPrimitives.Add(biasGradient, outputGradient.Slice(t * biasGradient.Length, biasGradient.Length), biasGradient);
        }
    }
}
