namespace Studio.Data.Analytics;

/// <summary>How many messages of one hour of traffic went to one intent; an empty intent is out of scope.</summary>
public sealed class TrafficIntentHour
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public int Version { get; set; }

    public string Alias { get; set; } = "";

    public DateTime HourUtc { get; set; }

    public string Intent { get; set; } = "";

    public long Count { get; set; }
}
