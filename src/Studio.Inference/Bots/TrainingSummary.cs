namespace Studio.Inference.Bots;

/// <summary>What a training run did: examples, how many needed the encoder (the rest came from the cache), and how long it took.</summary>
/// <param name="KnowledgePassages">Passages the knowledge sources were split into.</param>
public sealed record TrainingSummary(int Intents, int Examples, int Embedded, int SentimentExamples, double Seconds, IReadOnlyList<string> Warnings, int KnowledgePassages = 0);
