namespace Studio.Core.Bots;

/// <summary>A named reply; one variation is picked per turn. Markdown, with <c>{slot}</c> placeholders.</summary>
public sealed class ResponseTemplate
{
    public string Name { get; set; } = "";

    public List<string> Variations { get; set; } = [];

    /// <summary>Buttons shown under whichever variation is said; their titles may hold placeholders too.</summary>
    public List<ResponseButton>? Buttons { get; set; }
}
