namespace Studio.Core.Conversations;

/// <summary>What a generate node says: a large model's words for the node's filled-in prompt, or null to say the node's response instead.</summary>
public delegate ValueTask<string?> FlowGeneration(string prompt, ConversationState state, CancellationToken cancellationToken);
