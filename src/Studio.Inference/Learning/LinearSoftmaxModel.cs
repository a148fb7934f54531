using System.Numerics.Tensors;

namespace Studio.Inference.Learning;

/// <summary>
/// Multinomial logistic regression: one weight row of <c>ClassCount</c> floats per feature (feature-major, so a
/// sparse row touches only its own contiguous rows), a bias per class, and a softmax temperature fitted on
/// held-out data so that the probabilities are calibrated.
/// </summary>
public sealed class LinearSoftmaxModel
{
    public LinearSoftmaxModel(int dimensions, int classCount)
    {
        Dimensions = dimensions;
        ClassCount = classCount;
        Weights = new float[(long)dimensions * classCount];
        Bias = new float[classCount];
    }

    public int Dimensions { get; }

    public int ClassCount { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    public float Temperature { get; set; } = 1f;

    /// <summary>Raw class scores (logits) for one row.</summary>
    public void Scores(SparseRow row, Span<float> scores)
    {
        Bias.CopyTo(scores);
        for (var i = 0; i < row.Indices.Length; i++)
        {
            var weights = Weights.AsSpan(row.Indices[i] * ClassCount, ClassCount);
            TensorPrimitives.MultiplyAdd(weights, row.Values[i], scores, scores);
        }
    }

    /// <summary>Calibrated class probabilities for one row.</summary>
    public float[] Probabilities(SparseRow row)
    {
        var scores = new float[ClassCount];
        Scores(row, scores);
        if (Temperature != 1f)
        {
            TensorPrimitives.Divide(scores, Temperature, scores);
        }

        TensorPrimitives.SoftMax(scores, scores);
        return scores;
    }
}
