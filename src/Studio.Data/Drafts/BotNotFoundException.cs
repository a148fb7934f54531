namespace Studio.Data.Drafts;

public sealed class BotNotFoundException(string botId) : Exception($"There is no bot with id '{botId}'.")
{
    public string BotId { get; } = botId;
}
