namespace Studio.Inference.Learning;

/// <summary>A feature vector as parallel index and value arrays; a dense vector is the case where every index is present.</summary>
public sealed record SparseRow(int[] Indices, float[] Values)
{
    public static SparseRow Dense(float[] values) => new(Enumerable.Range(0, values.Length).ToArray(), values);

}
