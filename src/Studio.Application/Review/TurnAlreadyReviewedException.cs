namespace Studio.Application.Review;

/// <summary>A turn someone else reviewed first (or a second click), or whose review changed before an undo: nothing is added or taken out twice.</summary>
public sealed class TurnAlreadyReviewedException(long turnId, string? message = null)
    : Exception(message ?? $"Turn {turnId} has been reviewed already; reload the inbox to see what was done with it, and undo it there to review it again.")
{
    public static TurnAlreadyReviewedException ChangedMeanwhile(long turnId) =>
        new(turnId, $"Turn {turnId}'s review was undone or changed meanwhile; reload the inbox to see it as it is now.");
}
