namespace Studio.Core.Bots;

/// <summary>What must hold after a test turn; unset fields are not checked.</summary>
public sealed class TurnExpectation
{
    public string? Intent { get; set; }

    public Dictionary<string, string>? Slots { get; set; }

    public string? ReplyContains { get; set; }

    /// <summary>A response the bot says in this turn, by name: holds however its variations are reworded.</summary>
    public string? Response { get; set; }

    public bool? Handoff { get; set; }

    /// <summary>The sentiment the message should be read with: negative, neutral or positive.</summary>
    public string? Sentiment { get; set; }
}
