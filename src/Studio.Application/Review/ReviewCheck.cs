namespace Studio.Application.Review;

/// <summary>A reviewed message the draft's model still reads otherwise than the reviewer said.</summary>
public sealed record ReviewMiss(long TurnId, string Text, string Expected, string Got);

/// <summary>How many reviewed messages the draft's freshly trained model now gets right.</summary>
public sealed record ReviewCheck(int Revision, int Checked, int Right, IReadOnlyList<ReviewMiss> Misses);
