namespace Studio.Data.Drafts;

public sealed class BotAlreadyExistsException(string botId)
    : Exception($"A bot with id '{botId}' already exists. Choose another id, or replace the existing bot.")
{
    public string BotId { get; } = botId;
}
