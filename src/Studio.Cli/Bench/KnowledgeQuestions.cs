using Microsoft.VisualBasic.FileIO;

namespace Studio.Cli.Bench;

/// <summary>A retrieval benchmark question: the expected document, the conversation's earlier user turns, and its split.</summary>
internal sealed record KnowledgeQuestion(string Text, string Expected, IReadOnlyList<string> EarlierTurns, string Split);

/// <summary>Reads <c>question,expected_source[,earlier_turns][,split]</c> CSV files (earlier turns separated by <c> | </c>).</summary>
internal static class KnowledgeQuestions
{
    public static IReadOnlyList<KnowledgeQuestion> Read(string path)
    {
        using var parser = new TextFieldParser(path, System.Text.Encoding.UTF8) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var header = parser.ReadFields() ?? throw new InvalidDataException($"{path} is empty.");
        var turnsColumn = Array.IndexOf(header, "earlier_turns");
        var splitColumn = Array.IndexOf(header, "split");
        var questions = new List<KnowledgeQuestion>();
        while (parser.ReadFields() is { } fields)
        {
            if (fields.Length < 2)
            {
                throw new InvalidDataException($"{path}, line {parser.LineNumber - 1}: expected question,expected_source.");
            }

            var turns = turnsColumn >= 0 && turnsColumn < fields.Length && fields[turnsColumn].Length > 0
                ? fields[turnsColumn].Split(" | ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [];
            var split = splitColumn >= 0 && splitColumn < fields.Length ? fields[splitColumn] : "test";
            questions.Add(new KnowledgeQuestion(fields[0], fields[1], turns, split));
        }

        return questions;
    }
}
