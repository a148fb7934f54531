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
}
