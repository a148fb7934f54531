namespace Studio.Inference.Classification;

public sealed record IntentScore(string Intent, float Confidence);

/// <summary>
/// What a rung says about one message: every intent ranked by calibrated confidence, and whether the
/// message looks out of scope (then <see cref="Intent"/> is null and the bot should fall back).
/// </summary>
public sealed record IntentPrediction(IReadOnlyList<IntentScore> Ranking, bool OutOfScope, float OutOfScopeScore)
{
    /// <summary>The rung that gave this answer, when a cascade chose between rungs.</summary>
    public string? AnsweredBy { get; init; }

    public string? Intent => OutOfScope || Ranking.Count == 0 ? null : Ranking[0].Intent;

    public float Confidence => Ranking.Count == 0 ? 0f : Ranking[0].Confidence;

    public static IntentPrediction Rejected(IReadOnlyList<string> intents) =>
        new(intents.Select(i => new IntentScore(i, 1f / Math.Max(1, intents.Count))).ToList(), true, 0f);

    public static IReadOnlyList<IntentScore> Rank(IReadOnlyList<string> labels, ReadOnlySpan<float> probabilities)
    {
        var ranking = new IntentScore[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            ranking[i] = new IntentScore(labels[i], probabilities[i]);
        }

        Array.Sort(ranking, (a, b) => b.Confidence.CompareTo(a.Confidence));
        return ranking;
    }
}
