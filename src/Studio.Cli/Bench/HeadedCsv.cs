using Microsoft.VisualBasic.FileIO;

namespace Studio.Cli.Bench;

/// <summary>A benchmark CSV whose first line names its columns; optional columns are looked up by name.</summary>
internal sealed class HeadedCsv
{
    private readonly string[] _header;

    private HeadedCsv(string[] header, List<(string[] Fields, long Line)> rows)
    {
        _header = header;
        Rows = rows;
    }

    /// <summary>Each row's fields and the line it starts on.</summary>
    public IReadOnlyList<(string[] Fields, long Line)> Rows { get; }

    public static HeadedCsv Read(string path)
    {
        using var parser = new TextFieldParser(path, System.Text.Encoding.UTF8) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var header = parser.ReadFields() ?? throw new InvalidDataException($"{path} is empty.");
        var rows = new List<(string[], long)>();
        var line = parser.LineNumber;
        while (parser.ReadFields() is { } fields)
        {
            rows.Add((fields, line));
            line = parser.LineNumber;
        }

        return new HeadedCsv(header, rows);
    }

    /// <summary>The row's value in the named column, or <paramref name="fallback"/> when the file or the row has none.</summary>
    public string Field(string[] fields, string column, string fallback)
    {
        var index = Array.IndexOf(_header, column);
        return index >= 0 && index < fields.Length ? fields[index] : fallback;
    }
}
