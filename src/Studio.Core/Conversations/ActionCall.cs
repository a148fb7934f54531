namespace Studio.Core.Conversations;

/// <summary>
/// One action call as the turn's trace shows it: what was called (the URL with slot values, never a header, so
/// never a secret), the HTTP status, how long it took with its retries, whether it succeeded, why not (or which mapped paths were missing), whether the
/// answer was cut at the size limit, and the slots it filled.
/// </summary>
public sealed record ActionCall(string Action, string Method, string Url, int? Status, double DurationMs, bool Succeeded, string? Detail,
    bool Truncated, IReadOnlyDictionary<string, string> Slots)
{
    /// <summary>An action that was not called, with the reason.</summary>
    public static ActionCall NotCalled(string action, string reason) => new(action, "", "", null, 0, false, reason, false, new Dictionary<string, string>());
}
