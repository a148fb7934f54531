using Studio.Inference.Classification;

namespace Studio.Tests.Inference;

public class OutOfScopeDetectorTests
{
    private static OutOfScopeSignals Signal(float nearest, float probability) => new(nearest, nearest, 0, 0, 0, 0, probability);

    [Fact]
    public void Calibrate_LetsOnlyTheAllowedShareOfRightAnswersFallBelowTheThreshold()
    {
        // 100 held-out examples, all right, with rising scores; the floor may reject none (budget 0).
        var heldOut = Enumerable.Range(0, 100).Select(i => Signal(0.5f + i / 400f, 0.5f + i / 400f)).ToArray();
        var right = heldOut.Select(_ => true).ToArray();

        var strict = OutOfScopeDetector.Calibrate([OutOfScopeSignal.Nearest, OutOfScopeSignal.Probability], heldOut, right, 0.05, floorBudget: 0);
        var lenient = OutOfScopeDetector.Calibrate([OutOfScopeSignal.Nearest, OutOfScopeSignal.Probability], heldOut, right, 0, floorBudget: 0);

        Assert.Equal(5, heldOut.Count(s => strict.IsOutOfScope(s)));
        Assert.Equal(0, heldOut.Count(s => lenient.IsOutOfScope(s)));
    }

    [Fact]
    public void Calibrate_RejectingWrongAnswersCostsNothing()
    {
        // The 10 lowest-scoring examples were answered wrong: a 1-point budget still rejects all of them and one right one.
        var heldOut = Enumerable.Range(0, 100).Select(i => Signal(i / 100f, i / 100f)).ToArray();
        var right = Enumerable.Range(0, 100).Select(i => i >= 10).ToArray();

        var detector = OutOfScopeDetector.Calibrate([OutOfScopeSignal.Nearest, OutOfScopeSignal.Probability], heldOut, right, 0.01, floorBudget: 0);

        Assert.Equal(11, heldOut.Count(s => detector.IsOutOfScope(s)));
        Assert.All(heldOut.Take(10), s => Assert.True(detector.IsOutOfScope(s)));
    }

    [Fact]
    public void NearestFloor_RejectsAPlainlyForeignMessage_EvenWithAConfidentHead()
    {
        var heldOut = Enumerable.Range(0, 200).Select(i => Signal(0.6f + i / 1000f, 0.2f + i / 400f)).ToArray();
        var detector = OutOfScopeDetector.Calibrate([OutOfScopeSignal.Nearest, OutOfScopeSignal.Probability], heldOut, heldOut.Select(_ => true).ToArray(), 0.01);

        // Far from every example, but the head is certain: the mean of the two would let it through.
        var foreign = Signal(0.3f, 1f);

        Assert.True(detector.Score(foreign) > detector.Threshold);
        Assert.True(detector.IsOutOfScope(foreign));
    }

    [Fact]
    public void Parse_NamesTheSignals_AndRefusesUnknownOnes()
    {
        Assert.Equal([OutOfScopeSignal.Nearest, OutOfScopeSignal.RelativeMahalanobis], OutOfScopeDetector.Parse("nearest + relativeMahalanobis"));
        Assert.Equal("nearest+probability", OutOfScopeDetector.Describe(OutOfScopeDetector.Default));
        var error = Assert.Throws<ArgumentException>(() => OutOfScopeDetector.Parse("nearest+vibes"));
        Assert.Contains("vibes", error.Message);
    }

    [Fact]
    public void GaussianIntents_DistancesMatchTheInverseOfTheShrunkCovariance()
    {
        // Two classes in three dimensions; the distance is compared with xᵀ Σ⁻¹ x computed by solving Σ y = x directly.
        var random = new Random(3);
        var vectors = Enumerable.Range(0, 40).Select(i => new[] { (float)random.NextDouble() + (i % 2) * 2, (float)random.NextDouble() * 0.5f, (float)random.NextDouble() * 2 }).ToArray();
        var labels = Enumerable.Range(0, 40).Select(i => i % 2).ToArray();
        var gaussians = GaussianIntents.Fit(vectors, labels, 2);

        var means = Enumerable.Range(0, 2).Select(c => Enumerable.Range(0, 3).Select(k => vectors.Where((_, i) => labels[i] == c).Average(v => (double)v[k])).ToArray()).ToArray();
        var covariance = new double[3, 3];
        for (var i = 0; i < vectors.Length; i++)
        {
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    covariance[r, c] += (vectors[i][r] - means[labels[i]][r]) * (vectors[i][c] - means[labels[i]][c]) / vectors.Length;
                }
            }
        }

        var meanVariance = (covariance[0, 0] + covariance[1, 1] + covariance[2, 2]) / 3;
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                covariance[r, c] = (1 - GaussianIntents.Shrinkage) * covariance[r, c] + (r == c ? GaussianIntents.Shrinkage * meanVariance : 0);
            }
        }

        float[] probe = [1.5f, 0.9f, -0.4f];
        var expected = means.Min(m => Quadratic(covariance, [.. probe.Select((p, k) => p - m[k])]));

        Assert.Equal(expected, gaussians.Distances(probe).Nearest, 3);
    }

    // xᵀ A⁻¹ x for a 3 × 3 matrix, by Cramer's rule.
    private static double Quadratic(double[,] a, double[] x)
    {
        double Det(double[,] m) => m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        var det = Det(a);
        var y = new double[3];
        for (var k = 0; k < 3; k++)
        {
            var m = (double[,])a.Clone();
            for (var r = 0; r < 3; r++)
            {
                m[r, k] = x[r];
            }

            y[k] = Det(m) / det;
        }

        return x.Zip(y).Sum(p => p.First * p.Second);
    }
}
