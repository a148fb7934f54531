using System.Numerics.Tensors;

namespace Studio.Inference.Learning;

/// <summary>
/// Chooses the softmax temperature that minimises the negative log-likelihood of held-out examples, so
/// that a confidence of 0.8 is right about 80 % of the time (Guo et al., 2017).
/// </summary>
public static class TemperatureScaling
{
    public static float Fit(LinearSoftmaxModel model, IReadOnlyList<SparseRow> rows, IReadOnlyList<int> labels)
    {
        if (rows.Count == 0)
        {
            return 1f;
        }

        var logits = rows.Select(r =>
        {
            var s = new float[model.ClassCount];
            model.Scores(r, s);
            return s;
        }).ToArray();

        var best = 1f;
        var bestLoss = double.MaxValue;
        var probabilities = new float[model.ClassCount];
        // A coarse-to-fine search is plenty for one parameter and needs no gradients.
        foreach (var temperature in Enumerable.Range(1, 60).Select(i => i * 0.1f))
        {
            double loss = 0;
            for (var i = 0; i < logits.Length; i++)
            {
                TensorPrimitives.Divide(logits[i], temperature, probabilities);
                TensorPrimitives.SoftMax(probabilities, probabilities);
                loss -= Math.Log(Math.Max(probabilities[labels[i]], 1e-12f));
            }

            if (loss < bestLoss)
            {
                (best, bestLoss) = (temperature, loss);
            }
        }

        return best;
    }
}
