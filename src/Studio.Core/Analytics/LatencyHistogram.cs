using System.Globalization;
using System.Text;

namespace Studio.Core.Analytics;

/// <summary>
/// Reply times counted in logarithmic buckets (each 25 % wider than the last, from 0.1 ms to beyond two minutes), so
/// hourly rollups can be added together and still give percentiles: a percentile read from them is within one
/// bucket, 12 % either way, of the exact one. Stored sparsely as <c>bucket:count</c> pairs.
/// </summary>
public sealed class LatencyHistogram
{
    public const int Buckets = 64;

    private const double Smallest = 0.1;
    private const double Growth = 1.25;

    private readonly long[] _counts = new long[Buckets];

    public long Count { get; private set; }

    public static int BucketOf(double milliseconds) =>
        milliseconds <= Smallest ? 0 : Math.Min(Buckets - 1, 1 + (int)Math.Floor(Math.Log(milliseconds / Smallest) / Math.Log(Growth)));

    public void Add(double milliseconds) => Add(BucketOf(milliseconds), 1);

    public void Add(int bucket, long count)
    {
        _counts[bucket] += count;
        Count += count;
    }

    public void Add(string stored)
    {
        foreach (var pair in stored.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon > 0 && int.TryParse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture, out var bucket) && bucket is >= 0 and < Buckets
                && long.TryParse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture, out var count) && count > 0)
            {
                Add(bucket, count);
            }
        }
    }

    /// <summary>The reply time below which <paramref name="share"/> of the replies came (0.5 for the median); null when empty.</summary>
    public double? Percentile(double share)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(share * Count));
        long seen = 0;
        for (var b = 0; b < Buckets; b++)
        {
            seen += _counts[b];
            if (seen >= rank)
            {
                return Middle(b);
            }
        }

        return Middle(Buckets - 1);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        for (var b = 0; b < Buckets; b++)
        {
            if (_counts[b] > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{b}:{_counts[b]};");
            }
        }

        return text.ToString();
    }

    // The geometric middle of a bucket: its lower bound times the square root of the growth.
    private static double Middle(int bucket) => bucket == 0 ? Smallest / 2 : Smallest * Math.Pow(Growth, bucket - 1) * Math.Sqrt(Growth);
}
