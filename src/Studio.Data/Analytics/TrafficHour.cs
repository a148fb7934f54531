namespace Studio.Data.Analytics;

/// <summary>
/// One hour of one served version's traffic through one alias, counted as the turns are stored: analytics read these
/// rows, a few hundred for a month, never the turns. Counts hold no personal data, so they outlive the transcripts.
/// </summary>
public sealed class TrafficHour
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public int Version { get; set; }

    /// <summary>The alias the requests named; empty when they named the version.</summary>
    public string Alias { get; set; } = "";

    public DateTime HourUtc { get; set; }

    public long Messages { get; set; }

    /// <summary>Conversations whose first message came in this hour.</summary>
    public long Conversations { get; set; }

    /// <summary>Of those, the ones that have not fallen back or been handed off (so far).</summary>
    public long Contained { get; set; }

    public long Fallbacks { get; set; }

    public long Handoffs { get; set; }

    public long OutOfScope { get; set; }

    /// <summary>Messages a cascade passed to its large rung.</summary>
    public long Escalated { get; set; }

    public long Positive { get; set; }

    public long Negative { get; set; }

    public double LatencyMsSum { get; set; }

    /// <summary>The sum of squared reply times: with the sum, the spread that a confidence interval needs.</summary>
    public double LatencyMsSquares { get; set; }

    /// <summary>See <see cref="Studio.Core.Analytics.LatencyHistogram"/>.</summary>
    public string Latency { get; set; } = "";

    /// <summary>At the model profiles' prices, in their currency.</summary>
    public double Cost { get; set; }

    public double CostSquares { get; set; }
}
