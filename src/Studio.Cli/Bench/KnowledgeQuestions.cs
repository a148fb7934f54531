namespace Studio.Cli.Bench;

/// <summary>A retrieval benchmark question: the expected document, the conversation's earlier user turns, and its split.</summary>
internal sealed record KnowledgeQuestion(string Text, string Expected, IReadOnlyList<string> EarlierTurns, string Split);

/// <summary>Reads <c>question,expected_source[,earlier_turns][,split]</c> CSV files (earlier turns separated by <c> | </c>).</summary>
internal static class KnowledgeQuestions
{
    public static IReadOnlyList<KnowledgeQuestion> Read(string path)
    {
        var csv = HeadedCsv.Read(path);
        var questions = new List<KnowledgeQuestion>();
        foreach (var (fields, line) in csv.Rows)
        {
            if (fields.Length < 2)
            {
                throw new InvalidDataException($"{path}, line {line}: expected question,expected_source.");
            }

            var turns = csv.Field(fields, "earlier_turns", "").Split(" | ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            questions.Add(new KnowledgeQuestion(fields[0], fields[1], turns, csv.Field(fields, "split", "test")));
        }

        return questions;
    }
}
