namespace Studio.Core.Bots;

/// <summary>Answer with <see cref="Small"/>; escalate to <see cref="Large"/> when its confidence is below <see cref="Threshold"/>.</summary>
public sealed class CascadeSetting
{
    public string Small { get; set; } = "";

    public string Large { get; set; } = "";

    public double? Threshold { get; set; }
}
