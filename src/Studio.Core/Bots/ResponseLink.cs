namespace Studio.Core.Bots;

/// <summary>A link under a response. Both parts may hold slot placeholders; a value filled into the URL is escaped.</summary>
public sealed class ResponseLink
{
    public string Title { get; set; } = "";

    public string Url { get; set; } = "";
}
