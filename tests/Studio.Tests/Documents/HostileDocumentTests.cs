using Studio.Core.Documents;

namespace Studio.Tests.Documents;

/// <summary>Documents that try to exhaust memory or the stack, or to slip past the model's types, get a problem, never a crash.</summary>
public class HostileDocumentTests
{
    private static BotProblem OnlyProblem(string yaml) => Assert.Single(BotDocuments.Read(yaml, BotDocumentFormat.Yaml).Problems);

    [Fact]
    public void AliasExpansion_IsRefused_AtTheFirstAnchor()
    {
        var yaml = "id: bomb\nname: Bomb\nlanguage: en\nintents: []\nx1: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nx2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx3: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";

        var problem = OnlyProblem(yaml);

        Assert.Contains("anchors and aliases", problem.Message);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void SelfReferencingAnchor_IsRefused()
    {
        Assert.Contains("anchors and aliases", OnlyProblem("id: loop\nname: Loop\nlanguage: en\nintents: &a [*a]\n").Message);
    }

    [Fact]
    public void DeepNesting_IsRefused()
    {
        var yaml = "id: deep\nname: Deep\nlanguage: en\nintents: []\nx: " + new string('[', 200) + new string(']', 200) + "\n";

        Assert.Contains("nested more than 64 levels", OnlyProblem(yaml).Message);
    }

    [Fact]
    public void NumbersOutOfRange_AreProblems_NotCrashes()
    {
        var problems = BotDocuments.Read("""
            id: big
            name: Big
            language: en
            intents: []
            fallback:
              response: fallback
              confidenceThreshold: 1e999
            flows:
              - name: f
                nodes:
                  - id: a
                    type: ask
                    maxAttempts: 99999999999
            """, BotDocumentFormat.Yaml).Problems;

        Assert.Contains(problems, p => p.JsonPath == "$.fallback.confidenceThreshold" && p.Line == 7);
        Assert.Contains(problems, p => p.JsonPath == "$.flows[0].nodes[0].maxAttempts" && p.Line == 13);
    }

    [Fact]
    public void SchemaAndRuleProblems_AreReportedTogether()
    {
        var problems = BotDocuments.Read("""
            id: both
            name: Both
            language: en
            intnets: []
            intents:
              - name: a
                examples: [hello]
              - name: A
                examples: [hi]
            """, BotDocumentFormat.Yaml).Problems;

        Assert.Contains(problems, p => p.JsonPath == "$.intnets" && p.Line == 4);
        Assert.Contains(problems, p => p.Message.Contains("Duplicate intent name 'A'") && p.Line == 8);
    }

    [Fact]
    public async Task FileThatIsNotUtf8_IsRefused_RatherThanDamaged()
    {
        var latin1 = new MemoryStream([(byte)'c', (byte)'a', (byte)'f', 0xE9]);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => LimitedText.ReadAsync(latin1, "cafe.yaml", null, 1024));

        Assert.Contains("not UTF-8", refused.Message);
    }
}
