using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Tests.Support;

namespace Studio.Tests.Documents;

public class ValidationTests
{
    private const string ValidHead = "id: shop\nname: Shop\nlanguage: en\n";

    private static IReadOnlyList<BotProblem> ProblemsIn(string yaml)
    {
        var result = BotDocuments.Read(yaml, BotDocumentFormat.Yaml);
        Assert.False(result.IsValid);
        Assert.Null(result.Bot);
        return result.Problems;
    }

    [Fact]
    public void BrokenYaml_ReportsTheLineAndColumnOfTheMistake()
    {
        var yaml = ValidHead + """
            intents:
              - name: order_status
                examples:
                  - where is my order
                 - this line is indented one space too little
            """;

        var problem = Assert.Single(ProblemsIn(yaml));

        Assert.Equal(8, problem.Line);
        Assert.Equal(6, problem.Column);
        Assert.Contains("YAML syntax error", problem.Message);
    }

    [Fact]
    public void DuplicateKey_ReportsTheLineOfTheSecondKey()
    {
        var problem = Assert.Single(ProblemsIn("id: shop\nname: Shop\nname: Again\nlanguage: en\nintents: []\n"));

        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void DuplicateIntentName_IsRejected_NamingTheIntentAndItsLine()
    {
        var yaml = ValidHead + """
            intents:
              - name: track_order
                examples: [where is my parcel]
              - name: cancel_order
                examples: [cancel it]
              - name: Track_Order
                examples: [has it shipped]
            """;

        var problem = Assert.Single(ProblemsIn(yaml));

        Assert.Contains("Duplicate intent name 'Track_Order'", problem.Message);
        Assert.Equal("$.intents[2].name", problem.JsonPath);
        Assert.Equal(9, problem.Line);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_EachWithItsOwnLine()
    {
        var yaml = """
            id: Not A Valid Id
            name: Shop
            language: en
            intnets: []
            intents:
              - name: ""
                examples:
                  - fine
                  - "   "
              - name: refunds
            """;

        var problems = ProblemsIn(yaml);

        Assert.Contains(problems, p => p.JsonPath == "$.id" && p.Line == 1);
        Assert.Contains(problems, p => p.JsonPath == "$.intnets" && p.Line == 4 && p.Message.Contains("not a key"));
        Assert.Contains(problems, p => p.JsonPath == "$.intents[0].name" && p.Line == 6);
        Assert.Contains(problems, p => p.JsonPath == "$.intents[0].examples[1]" && p.Line == 9 && p.Message.Contains("empty"));
        Assert.Contains(problems, p => p.JsonPath == "$.intents[1]" && p.Message.Contains("examples"));
        Assert.True(problems.Count >= 5, string.Join("\n", problems));
    }

    [Fact]
    public void JsonDocuments_ReportJsonPaths_AndWhereTheValueIs()
    {
        var json = """{ "id": "shop", "name": "Shop", "language": "en", "intents": [ { "name": "a", "examples": ["x", ""] } ] }""";

        var problem = Assert.Single(BotDocuments.Read(json, BotDocumentFormat.Json).Problems);

        Assert.Equal("$.intents[0].examples[1]", problem.JsonPath);
        Assert.Equal(1, problem.Line);
        Assert.Equal(json.IndexOf("\"\"]", StringComparison.Ordinal) + 1, problem.Column);
    }

    [Fact]
    public void MalformedJson_ReportsTheLine()
    {
        var problem = Assert.Single(BotDocuments.Read("{\n  \"id\": \"shop\",\n  \"name\": \n}", BotDocumentFormat.Json).Problems);

        Assert.Equal(4, problem.Line);
        Assert.Contains("JSON syntax error", problem.Message);
    }

    [Fact]
    public void SameExampleUnderTwoIntents_IsRejected()
    {
        var bot = Bots.Small();
        bot.Intents[1].Examples.Add("HELLO");

        var problem = Assert.Single(BotDocuments.Validate(bot));

        Assert.Contains("also an example of intent 'greet'", problem.Message);
        Assert.Equal("/intents/1/examples/2", problem.Path);
    }

    [Fact]
    public void FallbackToAnUnknownResponse_AndABrokenRegex_AreRejected()
    {
        var bot = Bots.Small();
        bot.Fallback!.Response = "nowhere";
        bot.Entities.Add(new EntityDefinition { Name = "code", Kind = EntityKind.Regex, Pattern = "([a-z" });

        var problems = BotDocuments.Validate(bot);

        Assert.Contains(problems, p => p.Path == "/fallback/response" && p.Message.Contains("'nowhere'"));
        Assert.Contains(problems, p => p.Path == "/entities/0/pattern" && p.Message.Contains("does not compile"));
    }

    [Fact]
    public void ListEntityWithoutValues_AndBuiltinWithoutExtractor_AreRejected()
    {
        var bot = Bots.Small();
        bot.Entities.Add(new EntityDefinition { Name = "colour", Kind = EntityKind.List, Values = [] });
        bot.Entities.Add(new EntityDefinition { Name = "when", Kind = EntityKind.Builtin });

        var problems = BotDocuments.Validate(bot);

        Assert.Contains(problems, p => p.Path == "/entities/0/values");
        Assert.Contains(problems, p => p.Path == "/entities/1");
    }

    [Fact]
    public void PublishedSchemaFile_IsTheOneTheValidatorUses()
    {
        var served = File.ReadAllText(Path.Combine(RepoPaths.Root, "wwwroot", "schemas", "bot.schema.json"));

        Assert.Equal(served, BotSchema.Text);
    }
}
