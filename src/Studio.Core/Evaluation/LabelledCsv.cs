using Microsoft.VisualBasic.FileIO;

namespace Studio.Core.Evaluation;

/// <summary>Reads "text,label" CSV files (a header row first; quoted fields may hold commas and line breaks).</summary>
public static class LabelledCsv
{
    public static IReadOnlyList<(string Text, string Label)> Read(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Read(reader, path);
    }

    /// <summary>Reads CSV text from an upload or a request; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<(string Text, string Label)> Read(TextReader reader, string source)
    {
        using var parser = new TextFieldParser(reader) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var path = source;
        var rows = new List<(string, string)>();
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
                throw new InvalidDataException($"{path}:{ex.LineNumber}: the row is not valid CSV.", ex);
            }

            if (first)
            {
                first = false;
                continue; // header
            }

            if (fields.Length < 2)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected two columns, text then label.");
            }

            rows.Add((fields[0], fields[1].Trim()));
        }

        return rows;
    }
}
