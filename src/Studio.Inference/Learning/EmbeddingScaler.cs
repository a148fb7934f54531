namespace Studio.Inference.Learning;

/// <summary>Scales each embedding dimension to unit root-mean-square over the training set, so one L2 strength suits every dimension.</summary>
public sealed class EmbeddingScaler(float[] scale)
{
    public float[] Scale { get; } = scale;

    public static EmbeddingScaler Fit(IReadOnlyList<float[]> vectors)
    {
        var dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        var sums = new double[dimensions];
        foreach (var vector in vectors)
        {
            for (var d = 0; d < dimensions; d++)
            {
                sums[d] += vector[d] * vector[d];
            }
        }

        return new EmbeddingScaler(sums.Select(s => s > 0 ? (float)(1 / Math.Sqrt(s / vectors.Count)) : 1f).ToArray());
    }

    public SparseRow Featurize(float[] vector)
    {
        var values = new float[vector.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(vector, Scale, values);
        return SparseRow.Dense(values);
    }
}
