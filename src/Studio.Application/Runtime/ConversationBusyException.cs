namespace Studio.Application.Runtime;

/// <summary>Another message of the same conversation is still being handled (on this node or another) after the wait allowed.</summary>
public sealed class ConversationBusyException(string message) : Exception(message);
