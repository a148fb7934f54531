namespace Studio.Data.Comparisons;

/// <summary>A designer's blind choice between two setups' replies to the same message.</summary>
public sealed class PreferenceVote
{
    /// <summary>Longest setup name a vote stores; setup specs are short (<c>cascade:ngram&gt;encoder@0.7</c>).</summary>
    public const int MaxSetupLength = 200;

    /// <summary>Longest message a vote stores, as long as a test message may be.</summary>
    public const int MaxMessageLength = 4000;

    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public string Winner { get; set; } = "";

    public string Loser { get; set; } = "";

    /// <summary>The message both setups answered, so a vote can be looked at again.</summary>
    public string Message { get; set; } = "";

    /// <summary>Neither reply was better ("tie"); <see cref="Winner"/> and <see cref="Loser"/> are then just the two sides.</summary>
    public bool Tie { get; set; }

    public DateTime CreatedUtc { get; set; }
}
