namespace Studio.Inference.Sentiment;

/// <summary>
/// Negative, neutral or positive, with a score from −1 (surely negative) to 1 (surely positive):
/// P(positive) − P(negative), from calibrated probabilities.
/// </summary>
public sealed record SentimentResult(string Label, float Score, float Negative, float Neutral, float Positive);
