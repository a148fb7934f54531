namespace Studio.Data.Teaching;

/// <summary>Messages a teacher rung labels for a bot, from one source; labelled in batches, so a run that stops keeps what it labelled.</summary>
public sealed class TeachingRun
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    /// <summary>The setup that labels: <c>encoder</c>, a model profile id, a cascade.</summary>
    public string Teacher { get; set; } = "";

    /// <summary>Where the messages came from, as the designer named it: pasted, a CSV file's name, served transcripts.</summary>
    public string Source { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>Why labelling last stopped before the end; null when it has not failed.</summary>
    public string? Error { get; set; }

    public List<TeachingItem> Items { get; set; } = [];
}
