namespace Studio.Core;

/// <summary>
/// A server the settings name (PostgreSQL, Redis) cannot be used at start-up. The message names the setting and
/// where it points, never its password, so it can be shown as it is.
/// </summary>
public sealed class ServerUnreachableException(string message, Exception inner) : InvalidOperationException(message, inner);
