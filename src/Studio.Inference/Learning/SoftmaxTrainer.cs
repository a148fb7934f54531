using System.Numerics.Tensors;

namespace Studio.Inference.Learning;

/// <summary>
/// Trains a <see cref="LinearSoftmaxModel"/> by stochastic gradient descent on the cross-entropy loss, one
/// example at a time, with a step that shrinks each epoch and L2 weight decay on the rows an example
/// touches. Only the weight rows of features present in an example are read or written, which keeps hashed
/// n-gram models with hundreds of thousands of features fast. Deterministic for a given seed.
/// </summary>
public sealed class SoftmaxTrainer
{
    public int Epochs { get; init; } = 10;

    public float LearningRate { get; init; } = 1f;

    /// <summary>L2 strength; decays the touched rows by <c>step × L2</c> per example.</summary>
    public float L2 { get; init; } = 1e-5f;

    public int Seed { get; init; } = 17;

    /// <param name="rows">Feature rows.</param>
    /// <param name="labels">Class index of each row.</param>
    /// <param name="dimensions">Feature count.</param>
    /// <param name="classCount">Class count.</param>
    /// <param name="progress">Hears the fraction of epochs done.</param>
    /// <param name="cancellationToken">Stops between epochs.</param>
    /// <param name="startFrom">Weights to continue from (fine-tuning a shipped head on new examples); copied, not changed.</param>
    public LinearSoftmaxModel Train(IReadOnlyList<SparseRow> rows, IReadOnlyList<int> labels, int dimensions, int classCount, LinearSoftmaxModel? startFrom = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var model = new LinearSoftmaxModel(dimensions, classCount);
        if (startFrom is not null)
        {
            startFrom.Weights.CopyTo(model.Weights, 0);
            startFrom.Bias.CopyTo(model.Bias, 0);
            model.Temperature = startFrom.Temperature;
        }

        if (rows.Count == 0)
        {
            return model;
        }

        var scores = new float[classCount];
        var random = new Random(Seed);
        var order = Enumerable.Range(0, rows.Count).ToArray();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            var step = LearningRate / (1f + epoch);
            var decay = 1f - (step * L2);
            foreach (var k in order)
            {
                var row = rows[k];
                model.Scores(row, scores);
                TensorPrimitives.SoftMax(scores, scores);
                scores[labels[k]] -= 1f; // d(loss)/d(scores) = p - onehot
                for (var i = 0; i < row.Indices.Length; i++)
                {
                    var weights = model.Weights.AsSpan(row.Indices[i] * classCount, classCount);
                    if (L2 > 0)
                    {
                        TensorPrimitives.Multiply(weights, decay, weights);
                    }

                    TensorPrimitives.MultiplyAdd(scores, -step * row.Values[i], weights, weights);
                }

                TensorPrimitives.MultiplyAdd(scores, -step, model.Bias, model.Bias);
            }

            progress?.Report((epoch + 1d) / Epochs);
        }

        return model;
    }
}
