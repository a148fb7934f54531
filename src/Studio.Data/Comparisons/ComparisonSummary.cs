namespace Studio.Data.Comparisons;

/// <summary>A stored comparison run as the history list shows it.</summary>
public sealed record ComparisonSummary(long Id, string BotId, int BotRevision, string Suite, string Setups, DateTime CreatedUtc);
