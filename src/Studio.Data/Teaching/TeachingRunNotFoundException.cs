namespace Studio.Data.Teaching;

public sealed class TeachingRunNotFoundException(string botId, long runId)
    : Exception($"The bot '{botId}' has no teaching run {runId}.")
{
    public string BotId { get; } = botId;

    public long RunId { get; } = runId;
}
