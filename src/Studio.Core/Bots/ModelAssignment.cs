namespace Studio.Core.Bots;

/// <summary>Which model profile (rung) does each task; ids refer to the model registry.</summary>
public sealed class ModelAssignment
{
    public string? Intent { get; set; }

    public string? Sentiment { get; set; }

    public string? Generation { get; set; }

    public CascadeSetting? Cascade { get; set; }
}
