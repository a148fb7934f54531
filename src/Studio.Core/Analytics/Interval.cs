namespace Studio.Core.Analytics;

/// <summary>A figure with its 95 % confidence interval.</summary>
public sealed record Interval(double Value, double Low, double High)
{
    private const double Z = 1.959964;

    /// <summary>Wilson's interval of a proportion: sound near 0 and 1 and for small counts, unlike the normal approximation.</summary>
    public static Interval? Proportion(long successes, long trials)
    {
        if (trials <= 0)
        {
            return null;
        }

        var p = (double)successes / trials;
        var denominator = 1 + (Z * Z / trials);
        var centre = (p + (Z * Z / (2 * trials))) / denominator;
        var half = Z * Math.Sqrt((p * (1 - p) / trials) + (Z * Z / (4.0 * trials * trials))) / denominator;
        return new Interval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>A mean from its sum and sum of squares (what hourly rollups can add up), with the normal interval.</summary>
    public static Interval? Mean(double sum, double squares, long n)
    {
        if (n <= 0)
        {
            return null;
        }

        var mean = sum / n;
        var half = n > 1 ? Z * Math.Sqrt(Math.Max(0, (squares - (n * mean * mean)) / (n - 1)) / n) : 0;
        return new Interval(mean, mean - half, mean + half);
    }

    /// <summary>The second arm's proportion minus the first's, with the normal interval of a difference.</summary>
    public static Interval? ProportionDifference(long successesA, long trialsA, long successesB, long trialsB)
    {
        if (trialsA <= 0 || trialsB <= 0)
        {
            return null;
        }

        var (a, b) = ((double)successesA / trialsA, (double)successesB / trialsB);
        var half = Z * Math.Sqrt((a * (1 - a) / trialsA) + (b * (1 - b) / trialsB));
        return new Interval(b - a, b - a - half, b - a + half);
    }

    /// <summary>The second arm's mean minus the first's (Welch's normal interval).</summary>
    public static Interval? MeanDifference(double sumA, double squaresA, long nA, double sumB, double squaresB, long nB)
    {
        if (nA <= 1 || nB <= 1)
        {
            return null;
        }

        var (ma, mb) = (sumA / nA, sumB / nB);
        var (va, vb) = (Math.Max(0, (squaresA - (nA * ma * ma)) / (nA - 1)), Math.Max(0, (squaresB - (nB * mb * mb)) / (nB - 1)));
        var half = Z * Math.Sqrt((va / nA) + (vb / nB));
        return new Interval(mb - ma, mb - ma - half, mb - ma + half);
    }

    /// <summary>True when the interval of a difference leaves out 0: the arms differ beyond chance, at 95 %.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;
}
