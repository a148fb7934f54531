namespace Studio.Core.Teaching;

/// <summary>What a teacher rung said of one message: the intent (null: out of scope) and how sure it was.</summary>
public sealed record TeacherLabel(string? Intent, double Confidence);

/// <summary>Which of a teacher's labels are taken as they stand: the rule the studio's "accept at confidence" and the bench share.</summary>
public static class TeacherLabels
{
    /// <summary>Where the studio's confidence filter starts, and the bench's default.</summary>
    public const double DefaultMinConfidence = 0.5;

    /// <summary>Thresholds the bench also reports, so the choice can be seen.</summary>
    public static readonly IReadOnlyList<double> Sweep = [0, 0.3, 0.5, 0.7, 0.9];

    public static bool IsConfidence(double value) => double.IsFinite(value) && value is >= 0 and <= 1;

    /// <summary>The positions of labels that name an intent with at least <paramref name="minConfidence"/>.</summary>
    public static IReadOnlyList<int> Accepted(IReadOnlyList<TeacherLabel> labels, double minConfidence) =>
        [.. Enumerable.Range(0, labels.Count).Where(i => labels[i].Intent is not null && labels[i].Confidence >= minConfidence)];
}
