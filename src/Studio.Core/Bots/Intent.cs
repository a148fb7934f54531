namespace Studio.Core.Bots;

/// <summary>Something a user wants, taught by example utterances.</summary>
public sealed class Intent
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<string> Examples { get; set; } = [];
}
