using System.Text.Json.Serialization;
using Studio.Core.Entities;

namespace Studio.Core.Conversations;

/// <summary>
/// What the models understood of one user message; the engine decides what to do with it. The message's
/// vector travels along when the small models made one, for whatever else needs the message's meaning.
/// </summary>
public sealed record TurnUnderstanding(
    string? Intent,
    float Confidence,
    bool OutOfScope,
    IReadOnlyList<ExtractedEntity> Entities,
    string Sentiment,
    float SentimentScore,
    [property: JsonIgnore] float[]? MessageVector = null);
