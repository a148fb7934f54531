namespace Studio.Core.Bots;

/// <summary>How the bot reacts to a user who is unhappy.</summary>
public sealed class SentimentPolicy
{
    /// <summary>A sentiment score (−1 to 1) at or below this counts as a negative turn.</summary>
    public double NegativeThreshold { get; set; } = -0.5;

    public NegativeSentimentAction OnNegative { get; set; } = NegativeSentimentAction.Ignore;

    /// <summary>How many negative turns in a row trigger <see cref="OnNegative"/>.</summary>
    public int NegativeTurnsBeforeHandoff { get; set; } = 2;

    /// <summary>The bot's own labelled messages; they fine-tune the shipped sentiment head when the bot is trained.</summary>
    public List<SentimentExample> Examples { get; set; } = [];
}
