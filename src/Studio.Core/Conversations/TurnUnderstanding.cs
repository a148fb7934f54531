using Studio.Core.Entities;

namespace Studio.Core.Conversations;

/// <summary>What the models understood of one user message; the engine decides what to do with it.</summary>
public sealed record TurnUnderstanding(
    string? Intent,
    float Confidence,
    bool OutOfScope,
    IReadOnlyList<ExtractedEntity> Entities,
    string Sentiment,
    float SentimentScore);
