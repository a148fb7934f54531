namespace Studio.Core.Bots;

/// <summary>
/// A named reply. Its text is one of the variations, Markdown with <c>{slot}</c> and <c>{slot|fallback}</c> placeholders,
/// picked in rotation or at random; the rich parts (buttons, links, images, cards) go with whichever variation is said.
/// </summary>
public sealed class ResponseTemplate
{
    public string Name { get; set; } = "";

    /// <summary>What the response is for, for the designers who read the bot later; never said.</summary>
    public string? Description { get; set; }

    public List<string> Variations { get; set; } = [];

    /// <summary>How a variation is chosen each time the response is said; rotation when unset.</summary>
    public ResponsePick? Pick { get; set; }

    /// <summary>Buttons shown under whichever variation is said; their titles may hold placeholders too.</summary>
    public List<ResponseButton>? Buttons { get; set; }

    /// <summary>Shows the buttons as quick replies: chips that a channel removes once the user answers.</summary>
    public bool? QuickReplies { get; set; }

    public List<ResponseLink>? Links { get; set; }

    public List<ResponseImage>? Images { get; set; }

    public List<ResponseCard>? Cards { get; set; }
}
