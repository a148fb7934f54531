namespace Studio.Data.Drafts;

/// <summary>A bot with published versions cannot be deleted outright: it has to be retired first, which is recorded.</summary>
public sealed class BotPublishedException(string botId, IReadOnlyList<string> aliases, int versions) : Exception(
    $"Bot '{botId}' has {versions} published version{(versions == 1 ? "" : "s")}"
    + (aliases.Count > 0 ? $" and serves through {string.Join(", ", aliases)}" : "")
    + "; deleting it would stop serving without a record. Retire it first (who, when and why are recorded), then delete the draft.")
{
    public string BotId { get; } = botId;
}
