namespace Studio.Core.Bots;

/// <summary>A card under a response: a title, some text, an optional image and link, and its own buttons.</summary>
public sealed class ResponseCard
{
    public string Title { get; set; } = "";

    public string? Text { get; set; }

    /// <summary>An https image shown at the top of the card.</summary>
    public string? ImageUrl { get; set; }

    /// <summary>Where the card leads when opened.</summary>
    public string? Url { get; set; }

    public List<ResponseButton>? Buttons { get; set; }
}
