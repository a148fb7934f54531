using System.Diagnostics;

namespace Studio.Cli.Bench;

/// <summary>Wall-clock timing of single calls, summarised as percentiles.</summary>
internal static class Latency
{
    public static double[] Measure<T>(IReadOnlyList<T> inputs, Action<T> call, int warmUp = 20)
    {
        foreach (var input in inputs.Take(warmUp))
        {
            call(input);
        }

        var times = new double[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call(inputs[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    /// <summary>The same timing for calls that are asynchronous, each awaited before the next starts.</summary>
    public static async Task<double[]> MeasureAsync<T>(IReadOnlyList<T> inputs, Func<T, Task> call, int warmUp = 20)
    {
        foreach (var input in inputs.Take(warmUp))
        {
            await call(input);
        }

        var times = new double[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(inputs[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    public static double Percentile(double[] sorted, double p) => Studio.Core.Evaluation.Percentiles.Of(sorted, p);
}
