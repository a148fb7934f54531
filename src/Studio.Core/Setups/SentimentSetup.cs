namespace Studio.Core.Setups;

/// <summary>What reads the sentiment of a message.</summary>
public enum SentimentKind
{
    /// <summary>The encoder sentiment head, tuned by the bot's labelled examples.</summary>
    Head,

    /// <summary>The n-gram sentiment head, tuned the same way: no encoder needed.</summary>
    Ngram,

    /// <summary>A large-model profile.</summary>
    LargeModel,
}

/// <summary>The sentiment rung: <c>head</c>, <c>ngram</c> or a large-model profile.</summary>
public sealed record SentimentSetup(SentimentKind Kind, string? Profile = null)
{
    public const string HeadId = "head";
    public const string NgramId = "ngram";

    public static SentimentSetup Head { get; } = new(SentimentKind.Head);

    public string Name => Kind switch { SentimentKind.Head => HeadId, SentimentKind.Ngram => NgramId, _ => Profile! };

    public override string ToString() => Name;

    // Documents written before the n-gram head name the encoder head "encoder"; it still means that head.
    private const string EncoderHeadId = "encoder";

    public static SentimentSetup Parse(string text) => text.Trim() switch
    {
        HeadId or EncoderHeadId => Head,
        NgramId => new SentimentSetup(SentimentKind.Ngram),
        "" => throw new SetupException("The sentiment rung is missing: use head, ngram or a large-model profile."),
        var other when Rung.Parse(other) is { IsLarge: true, Shots: Rung.DefaultShots } large && !other.Contains('(') => new SentimentSetup(SentimentKind.LargeModel, large.Profile),
        var other => throw new SetupException($"'{other}' is not a sentiment rung: use head, ngram or a large-model profile (without options)."),
    };
}
