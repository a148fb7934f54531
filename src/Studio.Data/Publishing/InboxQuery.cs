namespace Studio.Data.Publishing;

/// <summary>Why a served turn is in the review inbox; a turn may have several reasons.</summary>
[Flags]
public enum InboxReason
{
    None = 0,
    LowConfidence = 1,
    OutOfScope = 2,
    Fallback = 4,
    Negative = 8,
    Escalated = 16,
    All = LowConfidence | OutOfScope | Fallback | Negative | Escalated,
}

/// <summary>A page of the inbox: unreviewed turns with at least one of the reasons asked for, newest first.</summary>
/// <param name="Below">The confidence under which a turn counts as low-confidence.</param>
public sealed record InboxQuery(InboxReason Reasons = InboxReason.All, float Below = 0.5f, int Skip = 0, int Take = 25);

/// <summary>One page of the inbox, with how many turns wait in all.</summary>
public sealed record InboxPage(IReadOnlyList<TranscriptTurn> Items, int Waiting);
