namespace Studio.Web.Features.Common;

/// <summary>
/// "key: value" or "key = value" lines, as the forms edit headers, slot maps and expected slots: the first separator
/// splits, so a value may hold it again, and a key written twice keeps its last value.
/// </summary>
public static class KeyValueLines
{
    /// <param name="bareKeys">Whether a line without the separator is a key with an empty value (else it is left out).</param>
    public static Dictionary<string, string> Parse(string text, char separator, bool bareKeys) =>
        Lines(text, separator).Where(p => bareKeys || p.Separated)
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    /// <summary>Every line in order, keys repeated as written, for lists where order and repeats matter (a response's buttons and links); a bare line has an empty value.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pairs(string text, char separator) =>
        Lines(text, separator).Select(p => new KeyValuePair<string, string>(p.Key, p.Value));

    private static IEnumerable<(string Key, string Value, bool Separated)> Lines(string text, char separator) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.IndexOf(separator) is var at and > 0 ? (l[..at].Trim(), l[(at + 1)..].Trim(), true) : (l, "", false));

    public static string Format(IReadOnlyDictionary<string, string>? pairs, string separator) =>
        string.Join("\n", (pairs ?? new Dictionary<string, string>()).Select(p => $"{p.Key}{separator}{p.Value}"));
}
