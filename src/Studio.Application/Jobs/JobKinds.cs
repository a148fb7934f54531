namespace Studio.Application.Jobs;

public static class JobKinds
{
    /// <summary>The kind a caller named (train, quality, compare, ladder, label, beforeafter; any case), read once where the text comes in.</summary>
    /// <exception cref="ArgumentException">The text names no kind; the message lists them.</exception>
    public static JobKind Parse(string? text)
    {
        // Enum.TryParse would also take numbers ("1") and lists ("train,compare"); only a name is a kind.
        foreach (var kind in Enum.GetValues<JobKind>())
        {
            if (string.Equals(kind.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new ArgumentException($"'{text}' is not a kind of job: use {string.Join(", ", Enum.GetNames<JobKind>().Select(n => n.ToLowerInvariant()))}.");
    }
}
