using Studio.Core.Documents;

namespace Studio.Tests.Documents;

public class SchemaMessageTests
{
    private const string Head = "id: shop\nname: Shop\nlanguage: en\nintents: []\n";

    private static IReadOnlyList<BotProblem> ProblemsIn(string yaml)
    {
        var result = BotDocuments.Read(yaml, BotDocumentFormat.Yaml);
        Assert.False(result.IsValid);
        return result.Problems;
    }

    // Designers must see what to change, never the validator's internals.
    private static void AssertClean(IReadOnlyList<BotProblem> problems)
    {
        Assert.NotEmpty(problems);
        foreach (var problem in problems)
        {
            foreach (var internals in new[] { "\\u0022", "Expected \"", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "schema", "$." })
            {
                Assert.DoesNotContain(internals, problem.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void WrongEnum_NamesTheEntityTheAllowedValuesAndWhatWasFound()
    {
        var problems = ProblemsIn(Head + "entities:\n  - name: size\n    kind: lst\n    values:\n      - value: small\n");

        AssertClean(problems);
        var problem = Assert.Single(problems);
        Assert.Equal("/entities/0/kind", problem.Path);
        Assert.Equal("Entity 1 ('size'): kind must be one of: builtin, list, regex (found 'lst').", problem.Message);
    }

    [Fact]
    public void ListEntityWithoutValues_ReportsOnlyTheMissingValues()
    {
        var problems = ProblemsIn(Head + "entities:\n  - name: size\n    kind: list\n");

        AssertClean(problems);
        var problem = Assert.Single(problems);
        Assert.Equal("Entity 1 ('size'): missing required key(s): values.", problem.Message);
    }

    [Fact]
    public void MissingRequired_WrongType_AdditionalProperty_AndTooLong_AreWordedForDesigners()
    {
        var longName = new string('a', 201);
        var yaml = "id: shop\nname: " + longName + "\nlanguage: en\nintents:\n  - name: greet\n    examples: hello\n  - examples: [hi]\n    colour: red\n";

        var problems = ProblemsIn(yaml);

        AssertClean(problems);
        Assert.Contains(problems, p => p.Path == "/name" && p.Message == "name is too long: at most 200 characters (found 201 characters).");
        Assert.Contains(problems, p => p.Path == "/intents/0/examples" && p.Message == "Intent 1 ('greet'): examples must be a list (found text).");
        Assert.Contains(problems, p => p.Path == "/intents/1" && p.Message.Contains("missing required key(s): name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "/intents/1/colour" && p.Message.Contains("'colour' is not a key", StringComparison.Ordinal));
    }

    [Fact]
    public void PatternMismatch_SaysWhatAnIdLooksLike()
    {
        var problems = ProblemsIn("id: My Shop\nname: Shop\nlanguage: en\nintents: []\n");

        AssertClean(problems);
        Assert.Contains(problems, p => p.Path == "/id" && p.Message.Contains("lowercase letters and digits", StringComparison.Ordinal));
    }
}
