namespace Studio.Data.Publishing;

/// <summary>
/// The record that a bot was taken out of service: who, when, why, and what was serving then. It has no link to
/// the draft, so it outlives the bot and the question "who stopped production?" always has an answer.
/// </summary>
public sealed class BotRetirement
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public string Reason { get; set; } = "";

    public string RetiredBy { get; set; } = "";

    public DateTime RetiredUtc { get; set; }

    /// <summary>The versions that were removed, such as "v1, v2".</summary>
    public string Versions { get; set; } = "";

    /// <summary>The aliases that stopped serving and what they pointed at, such as "production → v2".</summary>
    public string Aliases { get; set; } = "";

    public int TranscriptTurns { get; set; }
}
