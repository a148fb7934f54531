namespace Studio.Core.Bots;

/// <summary>
/// Marks one of an intent's examples as taught: a teacher rung labelled it and a designer accepted the label. The example
/// itself stays in <see cref="Intent.Examples"/>, so every training path learns it like any other.
/// </summary>
public sealed class TaughtExample
{
    /// <summary>The example exactly as it stands in the intent's examples.</summary>
    public string Example { get; set; } = "";

    /// <summary>The setup that labelled it (<c>encoder</c>, a model profile id, a cascade).</summary>
    public string Teacher { get; set; } = "";

    /// <summary>How sure the teacher was, from 0 to 1; null when a designer corrected the label.</summary>
    public double? Confidence { get; set; }
}
