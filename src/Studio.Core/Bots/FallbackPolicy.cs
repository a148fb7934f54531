namespace Studio.Core.Bots;

/// <summary>What the bot says when it does not understand or is not confident enough.</summary>
public sealed class FallbackPolicy
{
    /// <summary>Name of the response template to use.</summary>
    public string Response { get; set; } = "fallback";

    /// <summary>Below this intent confidence the message is treated as out of scope.</summary>
    public double ConfidenceThreshold { get; set; } = 0.5;
}
