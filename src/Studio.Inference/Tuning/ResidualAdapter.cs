using System.Numerics.Tensors;
using System.Security.Cryptography;

namespace Studio.Inference.Tuning;

/// <summary>
/// A learned correction of the sentence vector: <c>u = v + W v</c>, renormalised to unit length. With <c>W</c> at zero it
/// is the encoder's own vector, so tuning starts from what the encoder knows and moves only as far as the bot's
/// examples push it (docs/decisions/0020).
/// </summary>
public sealed class ResidualAdapter
{
    public ResidualAdapter(int dimensions, float[]? weights = null)
    {
        if (weights is not null && weights.Length != dimensions * dimensions)
        {
            throw new ArgumentException($"An adapter for {dimensions} dimensions has {dimensions * dimensions} weights.", nameof(weights));
        }

        Dimensions = dimensions;
        Weights = weights ?? new float[dimensions * dimensions];
    }

    public int Dimensions { get; }

    /// <summary>Row-major <c>W</c>.</summary>
    public float[] Weights { get; }

    /// <summary>SHA-256 of the weights' bytes, recorded with a published version like any model file's hash.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Weights.AsSpan())));

    public float[] Apply(ReadOnlySpan<float> vector)
    {
        var result = new float[Dimensions];
        Forward(vector, result);
        TensorPrimitives.Divide(result, Math.Max(TensorPrimitives.Norm(result), 1e-12f), result);
        return result;
    }

    /// <summary><c>v + W v</c>, before normalising.</summary>
    internal void Forward(ReadOnlySpan<float> vector, Span<float> result)
    {
        for (var r = 0; r < Dimensions; r++)
        {
            result[r] = vector[r] + TensorPrimitives.Dot(Weights.AsSpan(r * Dimensions, Dimensions), vector);
        }
    }
}
