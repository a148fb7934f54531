namespace Studio.Data.Analytics;

/// <summary>
/// What analytics need to remember of a conversation between batches: that it has started (so it is counted once), in
/// which hour's row it was counted, and whether it has lost its containment. Erased with the conversation.
/// </summary>
public sealed class ServedConversation
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public long KeyId { get; set; }

    public string ConversationId { get; set; } = "";

    /// <summary>The rollup row the conversation was counted in.</summary>
    public long TrafficHourId { get; set; }

    public bool Escaped { get; set; }

    public DateTime LastUtc { get; set; }
}
