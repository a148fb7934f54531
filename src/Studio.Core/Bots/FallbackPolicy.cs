namespace Studio.Core.Bots;

/// <summary>What the bot says when it does not understand or is not confident enough.</summary>
public sealed class FallbackPolicy
{
    /// <summary>Name of the response template to use.</summary>
    public string Response { get; set; } = "fallback";

    /// <summary>Below this intent confidence the message is treated as out of scope.</summary>
    public double ConfidenceThreshold { get; set; } = 0.5;

    /// <summary>
    /// How many points of in-scope accuracy (measured on held-out examples) the encoder rung's out-of-scope detector may
    /// give up to catch messages the bot does not handle. More catches more, at the price of right answers turned
    /// into fallbacks; 0 rejects only what is stranger than every held-out example.
    /// </summary>
    public double? OutOfScopeAccuracyCost { get; set; }

    public const double MaxOutOfScopeAccuracyCost = 20;
}
