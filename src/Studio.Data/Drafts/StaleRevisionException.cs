namespace Studio.Data.Drafts;

/// <summary>A save was based on an older revision than the one stored: someone else saved in between.</summary>
public sealed class StaleRevisionException(string botId, int expectedRevision, int currentRevision)
    : Exception($"The bot '{botId}' was changed elsewhere since you loaded it (you have revision {expectedRevision}, the saved one is {currentRevision}). Reload to see the latest version, then make your change again.")
{
    public string BotId { get; } = botId;

    public int CurrentRevision { get; } = currentRevision;
}
