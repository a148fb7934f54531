namespace Studio.Core.Conversations;

/// <summary>
/// Everything a conversation remembers between turns, as a plain serialisable object (it can live in a
/// component, a database row or a distributed cache).
/// </summary>
public sealed class ConversationState
{
    public Dictionary<string, string> Slots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The flow in progress, if any.</summary>
    public string? Flow { get; set; }

    /// <summary>The ask node waiting for the user's answer, if any.</summary>
    public string? WaitingAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>The published version that served the conversation's last turn: a split alias keeps it there while it remains one of its arms.</summary>
    public int? ServedBy { get; set; }

    public int NegativeTurns { get; set; }

    public bool HandedOff { get; set; }

    public List<ConversationLine> History { get; set; } = [];

    /// <summary>How many times each response has been said, so that a response in rotation says its next variation.</summary>
    public Dictionary<string, int> Said { get; set; } = new(StringComparer.Ordinal);
}
