namespace Studio.Core.Conversations;

/// <summary>
/// Answers a question from the bot's documents, or returns null when they do not hold the answer. The mode is
/// a knowledge node's (<c>extractive</c>, <c>generative</c>), or null when a question no intent claims is tried
/// before the fallback. The question's vector is the one the encoder already made for the turn, when it made one,
/// so the documents are searched without encoding the message a second time. The user's earlier turns (oldest first)
/// let a question that names nothing ("is there parking?") be about the branch or product named before.
/// </summary>
public delegate ValueTask<string?> KnowledgeAnswerer(string question, float[]? questionVector, string? mode, IReadOnlyList<string> earlierTurns, CancellationToken cancellationToken);
