namespace Studio.Data.Publishing;

/// <summary>One served message and what the bot answered, kept for the retention period.</summary>
public sealed class TranscriptTurn
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public int Version { get; set; }

    public string ConversationId { get; set; } = "";

    public string UserText { get; set; } = "";

    /// <summary>The replies, joined by blank lines.</summary>
    public string Replies { get; set; } = "";

    public string? Intent { get; set; }

    public float Confidence { get; set; }

    public string? Sentiment { get; set; }

    public string KeyName { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
