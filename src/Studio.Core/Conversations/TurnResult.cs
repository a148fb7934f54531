namespace Studio.Core.Conversations;

/// <summary>What the bot did in one turn, with the trace the test console shows.</summary>
public sealed record TurnResult(
    IReadOnlyList<string> Replies,
    IReadOnlyList<string> NodesPassed,
    IReadOnlyDictionary<string, string> SlotsBefore,
    IReadOnlyDictionary<string, string> SlotsAfter,
    bool Fallback,
    bool Handoff,
    string? HandoffSummary,
    string? Note)
{
    /// <summary>
    /// Who answered a message that starts something new, and why: the intent (confident enough, with a flow or a response),
    /// the bot's documents (the intent unsure or without a flow, a passage confident), or the fallback. Null for a turn
    /// that went on within a flow.
    /// </summary>
    public string? Decision { get; init; }

    /// <summary>The document the turn answered from, when it answered from the bot's knowledge.</summary>
    public string? KnowledgeSource { get; init; }

    /// <summary>The action calls the turn made, in order, as the trace shows them.</summary>
    public IReadOnlyList<ActionCall> Actions { get; init; } = [];

    /// <summary>The buttons of the turn's replies, in order; a payload is what pressing one sends back.</summary>
    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>The names of the responses the turn said, in order.</summary>
    public IReadOnlyList<string> Responses { get; init; } = [];

    public IReadOnlyList<ReplyLink> Links { get; init; } = [];

    public IReadOnlyList<ReplyImage> Images { get; init; } = [];

    public IReadOnlyList<ReplyCard> Cards { get; init; } = [];

    /// <summary>The rich parts as text, for a text-only channel; empty when the turn has none.</summary>
    public string PartsAsText() => SaidResponse.PartsAsText(Buttons, Links, Images, Cards);
}
