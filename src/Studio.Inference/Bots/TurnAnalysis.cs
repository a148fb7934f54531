using System.Text.Json.Serialization;
using Studio.Core.Entities;
using Studio.Inference.Classification;
using Studio.Inference.Sentiment;

namespace Studio.Inference.Bots;

/// <summary>Everything the small-model engine understood of one message, and the time of every step.</summary>
public sealed record TurnAnalysis(
    string Text,
    string Rung,
    IntentPrediction Intent,
    IReadOnlyDictionary<string, IntentPrediction> ByRung,
    IReadOnlyList<ExtractedEntity> Entities,
    SentimentResult Sentiment,
    IReadOnlyList<StepTiming> Timings,
    [property: JsonIgnore] float[]? Vector = null)
{
    public double TotalMilliseconds => Timings.Sum(t => t.Milliseconds);

    /// <summary>What the conversation engine needs of this analysis: the answering rung's intent, entities and sentiment.</summary>
    public Studio.Core.Conversations.TurnUnderstanding ToUnderstanding() =>
        new(Intent.Intent, Intent.Confidence, Intent.OutOfScope, Entities, Sentiment.Label, Sentiment.Score, Vector);
}
