namespace Studio.Application.Models;

/// <summary>What "Test" found: the time to a one-token answer and the token, or the reason the model could not answer.</summary>
public sealed record ModelTestResult(bool Ok, double Milliseconds, string? Reason, string? Output)
{
    public static ModelTestResult Failed(string reason) => new(false, 0, reason, null);
}
