namespace Studio.Data.Drafts;

/// <summary>
/// The working copy of a bot. The whole document is stored as JSON so the bot-as-code file stays the
/// single source of truth; the counts are kept beside it only for the bot list.
/// </summary>
public sealed class BotDraft
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Starts at 1 and goes up by one with every save; a save must name the revision it started from.</summary>
    public int Revision { get; set; }

    public string Document { get; set; } = "";

    public int IntentCount { get; set; }

    public int ExampleCount { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
