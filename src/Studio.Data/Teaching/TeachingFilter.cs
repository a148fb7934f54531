namespace Studio.Data.Teaching;

/// <summary>Which items of a run a list or a bulk decision covers: a confidence range, a decision, an intent the teacher or the designer gave.</summary>
public sealed record TeachingFilter(double MinConfidence = 0, double MaxConfidence = 1, TeachingDecision? Decision = null, string? Intent = null)
{
    public static TeachingFilter All { get; } = new();
}
