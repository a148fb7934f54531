namespace Studio.Data.Drafts;

/// <summary>One row of the bot list.</summary>
public sealed record BotSummary(string Id, string Name, int Revision, int IntentCount, int ExampleCount, DateTime UpdatedUtc);
