namespace Studio.Web.Features.Common;

/// <summary>
/// "key: value" or "key = value" lines, as the forms edit headers, slot maps and expected slots: the first separator
/// splits, so a value may hold it again, and a key written twice keeps its last value.
/// </summary>
public static class KeyValueLines
{
    /// <param name="bareKeys">Whether a line without the separator is a key with an empty value (else it is left out).</param>
    public static Dictionary<string, string> Parse(string text, char separator, bool bareKeys) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.IndexOf(separator) is var at and > 0 ? (Key: l[..at].Trim(), Value: (string?)l[(at + 1)..].Trim()) : (Key: l, Value: bareKeys ? "" : null))
            .Where(p => p.Value is not null)
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value!, StringComparer.Ordinal);

    public static string Format(IReadOnlyDictionary<string, string>? pairs, string separator) =>
        string.Join("\n", (pairs ?? new Dictionary<string, string>()).Select(p => $"{p.Key}{separator}{p.Value}"));
}
