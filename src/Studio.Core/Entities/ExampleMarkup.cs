using System.Text;
using System.Text.RegularExpressions;

namespace Studio.Core.Entities;

/// <summary>A span of an example marked as an entity: where it is in the plain text, and the value it stands for, if not itself.</summary>
public sealed record MarkedSpan(int Start, int Length, string Entity, string? Value)
{
    public int End => Start + Length;
}

/// <summary>An example as the classifiers see it (the plain text) and the spans marked in it.</summary>
public sealed record MarkedExample(string Text, IReadOnlyList<MarkedSpan> Spans);

/// <summary>
/// Entities marked inside examples, as Rasa writes them: <c>[visa](card_type)</c> marks "visa" as a card_type, and
/// <c>[visa gold](card_type:visa)</c> marks "visa gold" as another way to say the value visa. The marks live in the
/// example's text in the document, so a YAML file and the intents editor write the same thing; everything that
/// learns from examples reads <see cref="Plain"/>. Brackets that do not form a mark are ordinary text.
/// </summary>
public static partial class ExampleMarkup
{
    public static MarkedExample Parse(string example)
    {
        if (!example.Contains('[', StringComparison.Ordinal))
        {
            return new MarkedExample(example, []);
        }

        var text = new StringBuilder(example.Length);
        var spans = new List<MarkedSpan>();
        var at = 0;
        foreach (Match mark in Mark().Matches(example))
        {
            text.Append(example, at, mark.Index - at);
            var value = mark.Groups["value"] is { Success: true } v ? v.Value.Trim() : null;
            spans.Add(new MarkedSpan(text.Length, mark.Groups["text"].Length, mark.Groups["entity"].Value, string.IsNullOrEmpty(value) ? null : value));
            text.Append(mark.Groups["text"].Value);
            at = mark.Index + mark.Length;
        }

        text.Append(example, at, example.Length - at);
        return new MarkedExample(text.ToString(), spans);
    }

    /// <summary>The example without its marks: what the classifiers train on and what a user would type.</summary>
    public static string Plain(string example) => example.Contains('[', StringComparison.Ordinal) ? Parse(example).Text : example;

    /// <summary>The example written back with these marks, which must not overlap.</summary>
    public static string Write(string text, IEnumerable<MarkedSpan> spans)
    {
        var written = new StringBuilder(text.Length + 32);
        var at = 0;
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            written.Append(text, at, span.Start - at).Append('[').Append(text, span.Start, span.Length).Append("](").Append(span.Entity);
            if (span.Value is { } value)
            {
                written.Append(':').Append(value);
            }

            written.Append(')');
            at = span.End;
        }

        return written.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// The example with one more mark over <paramref name="start"/> and <paramref name="length"/> of its plain text; a
    /// span that overlaps a mark already there replaces it, as marking the words again means "mark them this way".
    /// </summary>
    public static string WithMark(string example, int start, int length, string entity, string? value)
    {
        var parsed = Parse(example);
        if (start < 0 || length <= 0 || start + length > parsed.Text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "The span is not inside the example.");
        }

        if (parsed.Text.AsSpan(start, length).IndexOfAny("[]\r\n") >= 0)
        {
            throw new ArgumentException("Words with a bracket or a line break in them cannot be marked.", nameof(length));
        }

        if (!string.IsNullOrWhiteSpace(value) && !CanBeValue(value))
        {
            throw new ArgumentException("A marked value cannot hold parentheses or a line break.", nameof(value));
        }

        var kept = parsed.Spans.Where(s => s.End <= start || s.Start >= start + length);
        return Write(parsed.Text, [.. kept, new MarkedSpan(start, length, entity, string.IsNullOrWhiteSpace(value) ? null : value.Trim())]);
    }

    /// <summary>Whether a mark can name this value: the mark's syntax ends it at a parenthesis or a line break.</summary>
    public static bool CanBeValue(string value) => value.AsSpan().IndexOfAny("()\r\n") < 0;

    /// <summary>The example without its mark number <paramref name="index"/>; the words stay.</summary>
    public static string WithoutMark(string example, int index)
    {
        var parsed = Parse(example);
        return Write(parsed.Text, parsed.Spans.Where((_, i) => i != index));
    }

    // [text](entity) or [text](entity:value). The text holds no brackets or line breaks, the entity is a name as the
    // schema defines one, and the value holds no parentheses: no nesting, so matching is linear in the example's length.
    [GeneratedRegex(@"\[(?<text>[^\[\]\r\n]+)\]\((?<entity>[A-Za-z0-9_][A-Za-z0-9_.-]*)(?::(?<value>[^()\r\n]+))?\)", RegexOptions.CultureInvariant)]
    private static partial Regex Mark();
}
