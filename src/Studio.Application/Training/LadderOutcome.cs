using Studio.Core.Comparison;

namespace Studio.Application.Training;

/// <summary>A finished walk: the walk itself, the levers to try next, and the stored comparison runs behind it.</summary>
/// <param name="ComparisonIds">The stored runs: the rungs, then the cascade when one was tried.</param>
public sealed record LadderOutcome(string BotId, int BotRevision, string Suite, LadderWalk Walk, IReadOnlyList<LadderLever> Levers, IReadOnlyList<long> ComparisonIds);
