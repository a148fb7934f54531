using System.Numerics.Tensors;
using Studio.Inference.Tuning;

namespace Studio.Tests.Tuning;

/// <summary>The tuned rung's hand-written gradient, checked against finite differences, and what training it does.</summary>
public class ContrastiveTunerTests
{
    private static float[] UnitVector(Random random, int d)
    {
        var v = Enumerable.Range(0, d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(0f)]
    public void PairGradient_MatchesFiniteDifferences(float target)
    {
        const int d = 6;
        var random = new Random(11);
        var adapter = new ResidualAdapter(d, [.. Enumerable.Range(0, d * d).Select(_ => (float)(random.NextDouble() - 0.5) * 0.3f)]);
        var a = UnitVector(random, d);
        var b = UnitVector(random, d);
        var gradient = new float[d * d];

        ContrastiveTuner.PairGradient(adapter, a, b, target, gradient, 1f, new ContrastiveTuner.PairWork(d));

        const float step = 1e-3f;
        for (var k = 0; k < d * d; k++)
        {
            var original = adapter.Weights[k];
            adapter.Weights[k] = original + step;
            var up = ContrastiveTuner.PairLoss(adapter, a, b, target);
            adapter.Weights[k] = original - step;
            var down = ContrastiveTuner.PairLoss(adapter, a, b, target);
            adapter.Weights[k] = original;
            var numeric = (up - down) / (2 * step);
            Assert.True(Math.Abs(numeric - gradient[k]) < 2e-3 + 0.02 * Math.Abs(numeric), $"weight {k}: analytic {gradient[k]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Tuning_PullsAnIntentTogether_AndPushesIntentsApart()
    {
        // Two intents whose vectors overlap: one shared direction plus noise, the intents differing a little.
        const int d = 16;
        var random = new Random(5);
        var shared = UnitVector(random, d);
        var offsets = new[] { UnitVector(random, d), UnitVector(random, d) };
        var vectors = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            var label = i % 2;
            var v = shared.Select((s, k) => s + 0.35f * offsets[label][k] + 0.3f * (float)(random.NextDouble() - 0.5)).ToArray();
            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            vectors.Add(v);
            labels.Add(label);
        }

        double Margin(ResidualAdapter adapter)
        {
            var tuned = vectors.Select(v => adapter.Apply(v)).ToArray();
            var same = new List<float>();
            var different = new List<float>();
            for (var i = 0; i < tuned.Length; i++)
            {
                for (var j = i + 1; j < tuned.Length; j++)
                {
                    (labels[i] == labels[j] ? same : different).Add(TensorPrimitives.Dot(tuned[i], tuned[j]));
                }
            }

            return same.Average() - different.Average();
        }

        var before = Margin(new ResidualAdapter(d));
        var after = Margin(new ContrastiveTuner { Epochs = 20, LearningRate = 1e-2f }.Train(vectors, labels));

        Assert.True(after > before + 0.2, $"margin {before:0.000} → {after:0.000}");
    }

    [Fact]
    public void Tuning_IsDeterministic_HashesItsWeights_AndStopsWhenCancelled()
    {
        var random = new Random(2);
        var vectors = Enumerable.Range(0, 20).Select(_ => UnitVector(random, 8)).ToList();
        var labels = Enumerable.Range(0, 20).Select(i => i % 4).ToList();

        var first = new ContrastiveTuner().Train(vectors, labels);
        var second = new ContrastiveTuner().Train(vectors, labels);
        Assert.Equal(first.Hash, second.Hash);
        Assert.NotEqual(new ResidualAdapter(8).Hash, first.Hash);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new ContrastiveTuner().Train(vectors, labels, cancellationToken: cancelled.Token));
    }
}
