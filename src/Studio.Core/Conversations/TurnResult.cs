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
