using System.Text.Json.Serialization;
using Studio.Core.Entities;
using Studio.Inference.Classification;
using Studio.Inference.Sentiment;

namespace Studio.Inference.Bots;

/// <summary>
/// Everything a served bot's pipeline understood of one message: the intent from the rung that answered, the other rungs
/// that ran, entities, sentiment, and every step that ran with its time. Steps the setup does not need are not in
/// <see cref="Timings"/> because they did not run.
/// </summary>
/// <param name="Rung">The setup's intent rung or cascade, as written.</param>
/// <param name="AnsweredBy">The rung whose answer counts (for a cascade, the small or the large one).</param>
/// <param name="Note">What the turn should know, such as a large model that was unavailable so the small rung answered.</param>
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
    public string AnsweredBy { get; init; } = Rung;

    public string? Note { get; init; }

    public long TokensIn { get; init; }

    public long TokensOut { get; init; }

    public decimal Cost { get; init; }

    /// <summary>Wall-clock time from the text to this analysis (and the reply's generation, when there was one): the steps and what joins them.</summary>
    public double TotalMilliseconds { get; init; }

    /// <summary>What the conversation engine needs of this analysis: the answering rung's intent, entities and sentiment.</summary>
    public Studio.Core.Conversations.TurnUnderstanding ToUnderstanding() =>
        new(Intent.Intent, Intent.Confidence, Intent.OutOfScope, Entities, Sentiment.Label, Sentiment.Score, Vector);
}
