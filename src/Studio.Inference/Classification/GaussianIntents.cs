using System.Numerics.Tensors;

namespace Studio.Inference.Classification;

/// <summary>
/// Each intent as a Gaussian over sentence vectors with one covariance shared by all intents (shrunk towards a
/// multiple of the identity, since a few hundred examples cannot pin down 384 × 384 entries). The squared
/// Mahalanobis distance to the nearest intent says how unlike every intent a message is; measured against a
/// single Gaussian over all examples (the relative distance) it discounts what is merely unusual wording.
/// Stored whitened: <c>W</c> with <c>Wᵀ W = Σ⁻¹</c>, so a distance is one matrix-vector product and a few dot products.
/// </summary>
public sealed class GaussianIntents
{
    private readonly int _dimensions;
    private readonly float[] _whitening;
    private readonly float[][] _means;
    private readonly float[] _backgroundWhitening;
    private readonly float[] _backgroundMean;

    private GaussianIntents(int dimensions, float[] whitening, float[][] means, float[] backgroundWhitening, float[] backgroundMean)
    {
        _dimensions = dimensions;
        _whitening = whitening;
        _means = means;
        _backgroundWhitening = backgroundWhitening;
        _backgroundMean = backgroundMean;
    }

    /// <summary>How far the covariance is pulled towards its mean variance times the identity.</summary>
    public const double Shrinkage = 0.1;

    public static GaussianIntents Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, int classes, CancellationToken cancellationToken = default)
    {
        var d = vectors[0].Length;
        var sums = new double[classes][];
        var counts = new int[classes];
        for (var c = 0; c < classes; c++)
        {
            sums[c] = new double[d];
        }

        var overall = new double[d];
        for (var i = 0; i < vectors.Count; i++)
        {
            counts[labels[i]]++;
            for (var k = 0; k < d; k++)
            {
                sums[labels[i]][k] += vectors[i][k];
                overall[k] += vectors[i][k];
            }
        }

        var means = sums.Select((s, c) => s.Select(v => counts[c] == 0 ? 0.0 : v / counts[c]).ToArray()).ToArray();
        var backgroundMean = overall.Select(v => v / vectors.Count).ToArray();
        var withinClass = Covariance(vectors, i => means[labels[i]], d, cancellationToken);
        var background = Covariance(vectors, _ => backgroundMean, d, cancellationToken);

        var whitening = Whiten(withinClass, d);
        var backgroundWhitening = Whiten(background, d);
        var whitenedMeans = means.Select(m => Multiply(whitening, ToFloats(m), d)).ToArray();
        return new GaussianIntents(d, whitening, whitenedMeans, backgroundWhitening, Multiply(backgroundWhitening, ToFloats(backgroundMean), d));
    }

    /// <summary>Squared distance to the nearest intent's mean, and that distance less the distance to all examples' mean.</summary>
    public (float Nearest, float Relative) Distances(ReadOnlySpan<float> vector)
    {
        Span<float> whitened = stackalloc float[_dimensions];
        Span<float> difference = stackalloc float[_dimensions];
        Multiply(_whitening, vector, whitened, _dimensions);
        var nearest = float.MaxValue;
        foreach (var mean in _means)
        {
            TensorPrimitives.Subtract(whitened, mean, difference);
            nearest = Math.Min(nearest, TensorPrimitives.Dot(difference, difference));
        }

        Multiply(_backgroundWhitening, vector, whitened, _dimensions);
        TensorPrimitives.Subtract(whitened, _backgroundMean, difference);
        return (nearest, nearest - TensorPrimitives.Dot(difference, difference));
    }

    private static double[] Covariance(IReadOnlyList<float[]> vectors, Func<int, double[]> meanOf, int d, CancellationToken cancellationToken)
    {
        var covariance = new double[d * d];
        var centred = new double[d];
        for (var i = 0; i < vectors.Count; i++)
        {
            if (i % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var mean = meanOf(i);
            for (var k = 0; k < d; k++)
            {
                centred[k] = vectors[i][k] - mean[k];
            }

            // Lower triangle only; the Cholesky factorisation reads nothing else.
            for (var r = 0; r < d; r++)
            {
                var row = covariance.AsSpan(r * d, r + 1);
                TensorPrimitives.MultiplyAdd(centred.AsSpan(0, r + 1), centred[r], row, row);
            }
        }

        TensorPrimitives.Divide(covariance, Math.Max(1, vectors.Count), covariance);
        return covariance;
    }

    // Shrinks, factorises Σ = L Lᵀ and returns W = L⁻¹ (lower triangular), so that ‖W x‖² = xᵀ Σ⁻¹ x.
    private static float[] Whiten(double[] covariance, int d)
    {
        var meanVariance = 0.0;
        for (var k = 0; k < d; k++)
        {
            meanVariance += covariance[k * d + k];
        }

        meanVariance = Math.Max(meanVariance / d, 1e-9);
        var a = new double[d * d];
        for (var r = 0; r < d; r++)
        {
            for (var c = 0; c <= r; c++)
            {
                a[r * d + c] = (1 - Shrinkage) * covariance[r * d + c] + (r == c ? Shrinkage * meanVariance : 0);
            }
        }

        // Cholesky, in place in the lower triangle.
        for (var j = 0; j < d; j++)
        {
            var diagonal = a[j * d + j] - TensorPrimitives.Dot(a.AsSpan(j * d, j), a.AsSpan(j * d, j));
            var l = Math.Sqrt(Math.Max(diagonal, 1e-12));
            a[j * d + j] = l;
            for (var i = j + 1; i < d; i++)
            {
                a[i * d + j] = (a[i * d + j] - TensorPrimitives.Dot(a.AsSpan(i * d, j), a.AsSpan(j * d, j))) / l;
            }
        }

        // Inverse of the lower-triangular factor, column by column by forward substitution.
        var inverse = new double[d * d];
        for (var c = 0; c < d; c++)
        {
            inverse[c * d + c] = 1 / a[c * d + c];
            for (var r = c + 1; r < d; r++)
            {
                var sum = 0.0;
                for (var k = c; k < r; k++)
                {
                    sum += a[r * d + k] * inverse[k * d + c];
                }

                inverse[r * d + c] = -sum / a[r * d + r];
            }
        }

        return ToFloats(inverse);
    }

    private static float[] ToFloats(double[] values) => values.Select(v => (float)v).ToArray();

    private static float[] Multiply(float[] matrix, float[] vector, int d)
    {
        var result = new float[d];
        Multiply(matrix, vector, result, d);
        return result;
    }

    private static void Multiply(float[] matrix, ReadOnlySpan<float> vector, Span<float> result, int d)
    {
        for (var r = 0; r < d; r++)
        {
            // Lower triangular: row r has nothing past column r.
            result[r] = TensorPrimitives.Dot(matrix.AsSpan(r * d, r + 1), vector[..(r + 1)]);
        }
    }
}
