namespace Studio.Data.Comparisons;

/// <summary>A designer's blind choice between two setups' replies to the same message.</summary>
public sealed class PreferenceVote
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public string Winner { get; set; } = "";

    public string Loser { get; set; } = "";

    /// <summary>The message both setups answered, so a vote can be looked at again.</summary>
    public string Message { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
