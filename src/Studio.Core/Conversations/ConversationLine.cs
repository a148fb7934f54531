namespace Studio.Core.Conversations;

/// <summary>One line of the transcript: who spoke (user or bot) and what they said.</summary>
public sealed record ConversationLine(string Speaker, string Text);
