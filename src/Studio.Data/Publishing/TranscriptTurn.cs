namespace Studio.Data.Publishing;

/// <summary>
/// One served message and what the bot answered, kept for the bot's retention period. The texts are stored redacted:
/// personal data and sensitive slot values never reach this row.
/// </summary>
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

    /// <summary>The alias the request named; empty when it named the version.</summary>
    public string Alias { get; set; } = "";

    public bool OutOfScope { get; set; }

    public bool Fallback { get; set; }

    public bool Handoff { get; set; }

    /// <summary>A cascade passed the message to its large rung.</summary>
    public bool Escalated { get; set; }

    /// <summary>From the request reaching the runtime to the reply.</summary>
    public double LatencyMs { get; set; }

    /// <summary>At the model profiles' prices.</summary>
    public double Cost { get; set; }

    public string KeyName { get; set; } = "";

    /// <summary>The API key's id: with the conversation id it names the conversation's state, so forgetting can erase that too.</summary>
    public long KeyId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public TurnReview Review { get; set; }

    /// <summary>The intent the reviewer chose; null for out of scope.</summary>
    public string? ReviewedIntent { get; set; }

    /// <summary>What the review added to the draft, to take it out again on undo: the example as written, or the test's name.</summary>
    public string? ReviewedAdded { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedUtc { get; set; }

    /// <summary>When the turn is deleted: the creation time plus the serving version's retention.</summary>
    public DateTime ExpiresUtc { get; set; }
}
