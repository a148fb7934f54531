using Microsoft.VisualBasic.FileIO;

namespace Studio.Core.Evaluation;

/// <summary>Reads "text,label" CSV files (a header row first; quoted fields may hold commas and line breaks).</summary>
public static class LabelledCsv
{
    /// <summary>The sentiment labels a <c>sentiment</c> column may hold (or be empty).</summary>
    public static readonly IReadOnlyList<string> SentimentLabels = ["negative", "neutral", "positive"];

    public static IReadOnlyList<(string Text, string Label)> Read(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Read(reader, path);
    }

    /// <summary>Reads CSV text from an upload or a request; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<(string Text, string Label)> Read(TextReader reader, string source) =>
        [.. ReadWithSentiment(reader, source).Select(r => (r.Text, r.Label))];

    /// <summary>
    /// Also reads an optional column headed <c>sentiment</c> (negative, neutral, positive or empty), so a test set
    /// can check the sentiment task as well as the intent.
    /// </summary>
    public static IReadOnlyList<(string Text, string Label, string? Sentiment)> ReadWithSentiment(TextReader reader, string source)
    {
        using var parser = new TextFieldParser(reader) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<(string, string, string?)>();
        var sentimentColumn = -1;
        var first = true;
        while (!parser.EndOfData)
        {
            var lineNumber = parser.LineNumber;
            string[] fields;
            try
            {
                fields = parser.ReadFields() ?? [];
            }
            catch (MalformedLineException ex)
            {
                throw new InvalidDataException($"{source}:{ex.LineNumber}: the row is not valid CSV.", ex);
            }

            if (first)
            {
                first = false;
                sentimentColumn = Array.FindIndex(fields, f => f.Trim().Equals("sentiment", StringComparison.OrdinalIgnoreCase));
                continue; // header
            }

            if (fields.Length < 2)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: expected two columns, text then label.");
            }

            var sentiment = sentimentColumn >= 2 && sentimentColumn < fields.Length && fields[sentimentColumn].Trim() is { Length: > 0 } s ? s.ToLowerInvariant() : null;
            if (sentiment is not null && !SentimentLabels.Contains(sentiment))
            {
                throw new InvalidDataException($"{source}:{lineNumber}: sentiment '{sentiment}' is not one of {string.Join(", ", SentimentLabels)}.");
            }

            rows.Add((fields[0], fields[1].Trim(), sentiment));
        }

        return rows;
    }
}
