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
    IReadOnlyList<StepTiming> Timings)
{
    public double TotalMilliseconds => Timings.Sum(t => t.Milliseconds);
}
