namespace Studio.Core.Evaluation;

/// <summary>Nearest-rank percentiles of sorted timings, as the benchmarks and comparisons report them.</summary>
public static class Percentiles
{
    public static double Of(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
