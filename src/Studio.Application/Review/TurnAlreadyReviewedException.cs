namespace Studio.Application.Review;

/// <summary>A turn someone else reviewed first (or a second click): nothing is added twice.</summary>
public sealed class TurnAlreadyReviewedException(long turnId)
    : Exception($"Turn {turnId} has been reviewed already; reload the inbox to see what was done with it, and undo it there to review it again.");
