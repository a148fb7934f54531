namespace Studio.Data.Comparisons;

/// <summary>A finished comparison run, kept with the draft revision it ran on; the outcome is stored as JSON.</summary>
public sealed class ComparisonRecord
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public int BotRevision { get; set; }

    /// <summary>What the setups were tested on, in words.</summary>
    public string Suite { get; set; } = "";

    /// <summary>The setups, comma-separated, as the results name them.</summary>
    public string Setups { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public string Outcome { get; set; } = "";
}
