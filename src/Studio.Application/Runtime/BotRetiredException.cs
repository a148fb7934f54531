namespace Studio.Application.Runtime;

/// <summary>The bot was retired: nothing of it is served any more (410 Gone rather than 404).</summary>
public sealed class BotRetiredException(string message) : VersionNotFoundException(message);
