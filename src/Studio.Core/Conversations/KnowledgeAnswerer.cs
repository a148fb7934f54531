namespace Studio.Core.Conversations;

/// <summary>
/// Answers a question from the bot's documents, or returns null when no passage is confident enough (at or above the
/// knowledge threshold). The mode is
/// a knowledge node's (<c>extractive</c>, <c>generative</c>), or null when a question no intent claims is tried
/// before the fallback. The question's vector is the one the encoder already made for the turn, when it made one,
/// so the documents are searched without encoding the message a second time. The user's earlier turns (oldest first)
/// let a question that names nothing ("is there parking?") be about the branch or product named before.
/// </summary>
public delegate ValueTask<KnowledgeAnswer?> KnowledgeAnswerer(string question, float[]? questionVector, string? mode, IReadOnlyList<string> earlierTurns, CancellationToken cancellationToken);

/// <summary>
/// A knowledge answer: the reply, the document of the passage it answers from (the first of the ranking), and the
/// best dense match among the passages found (cosine similarity), which is what the threshold is held against.
/// </summary>
public sealed record KnowledgeAnswer(string Text, string Source, float Score);
