using Microsoft.VisualBasic.FileIO;

namespace Studio.Core.Evaluation;

/// <summary>Messages without labels from a CSV: the first column of each row; a first row headed <c>text</c> is a header.</summary>
public static class MessageCsv
{
    /// <exception cref="InvalidDataException">A row is not valid CSV; the message names its line.</exception>
    public static IReadOnlyList<string> Read(TextReader reader, string source)
    {
        using var parser = new TextFieldParser(reader) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var texts = new List<string>();
        var first = true;
        while (!parser.EndOfData)
        {
            string[] fields;
            try
            {
                fields = parser.ReadFields() ?? [];
            }
            catch (MalformedLineException ex)
            {
                throw new InvalidDataException($"{source}:{ex.LineNumber}: the row is not valid CSV.", ex);
            }

            if (first && fields.Length > 0 && fields[0].Trim().Equals("text", StringComparison.OrdinalIgnoreCase))
            {
                first = false;
                continue;
            }

            first = false;
            if (fields.Length > 0)
            {
                texts.Add(fields[0]);
            }
        }

        return texts;
    }
}
