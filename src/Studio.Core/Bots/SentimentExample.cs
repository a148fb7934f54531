namespace Studio.Core.Bots;

/// <summary>A message labelled negative, neutral or positive by the designer.</summary>
public sealed class SentimentExample
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "neutral";
}
