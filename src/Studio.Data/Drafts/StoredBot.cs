using Studio.Core.Bots;

namespace Studio.Data.Drafts;

/// <summary>A draft as loaded: the bot and the revision any save of it must name.</summary>
public sealed record StoredBot(BotDefinition Bot, int Revision, DateTime UpdatedUtc);
