namespace Studio.Web.Runtime;

/// <summary>What the web chat needs before the first message: whom it talks to, and the longest message it may send.</summary>
/// <param name="Streams">Whether a model writes the replies, so that asking for server-sent events shows them as they are written.</param>
public sealed record WebChatSettings(string Bot, string Name, int Version, int MaxMessageLength, bool Streams);
