using Studio.Core.Documents;

namespace Studio.Tests.Documents;

/// <summary>Text that is not well-formed YAML or JSON is a problem at a line and column, never an exception.</summary>
public class MalformedDocumentTests
{
    public static readonly string[] YamlCorpus =
    [
        "id: a\n  name: b\n",
        "id: 'unclosed\nname: x\n",
        "id: \"unclosed\nname: x\n",
        "\tid: a\n",
        "id: a\nname:\n\t- b\n",
        "id: a\nid: b\n",
        "id: *missing\n",
        "id: [a, b\nname: x\n",
        "{id: a, name: }}\n",
        "key: value: other\n",
        "- a\nb: c\n",
        "id: a\n---\nid: b\n",
        "%YAML 9.0\n---\nid: a\n",
        "%TAG ! \n---\nid: a\n",
        "id: !<tag:x> a\nname: !!int abc\n",
        "? [a, b]\n: c\n",
        "? |\n  x\n: c\n",
        "id: a\nname: &x b\n",
        "id: a\n\u0001name: b\n",
        "id: a\nname: b\u0000\n",
        "\"" + new string('k', 2000) + "\": x\n",
        new string('k', 2000) + ": x\n",
        "id: |\n x\n  y\n z: 1\n",
        "id: >-\n\tx\n",
        "[" + string.Concat(Enumerable.Repeat("[", 5000)),
        string.Concat(Enumerable.Repeat("- ", 5000)) + "x\n",
        string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i) + "a" + i + ":\n")),
        "id: a\nname: b\n...\nmore: c\n",
        "id: a\n!!str : b\n",
        "id: {a: 1, a: 2}\n",
        ": x\n",
        "id: '\\x'''\n'\n",
        "id: \"\\q\"\n",
        "id: \"\\uD800\"\n",
        "&a a: 1\n",
        "!!map\n- a\n",
        "id: a\nintents: !!seq {a: 1}\n",
        "---\n--- \n",
        "@id: a\n",
        "`id: a\n",
        "id: a\n  - b\n",
        "id: |\n" + new string(' ', 10) + "x\n" + new string(' ', 2) + "y\n",
    ];

    public static readonly string[] JsonCorpus =
    [
        "{",
        "{\"id\": }",
        "[1, 2",
        "{\"id\": \"a\" \"name\": 1}",
        "nul",
        "{'id': 1}",
        "",
        "   ",
        "{\"a\": 1}}",
        "{\"id\": \"a\", \"id\": \"b\"}",
        "{\"intents\": [], \"intents\": {}}",
        string.Concat(Enumerable.Repeat("[", 5000)),
        string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200),
        "{\"id\": \"\\x\"}",
        "{\"id\": \"a\u0001\"}",
        "{\"n\": 1e99999}",
        "{\"n\": 01}",
        "/* never closed",
        "\uFEFF\uFEFF{}",
    ];

    public static TheoryData<string> MalformedYaml() => [.. YamlCorpus];

    public static TheoryData<string> MalformedJson() => [.. JsonCorpus];

    [Theory]
    [MemberData(nameof(MalformedYaml))]
    public void MalformedYaml_IsAProblemAtALineAndColumn(string text) => AssertLocatedProblem(text, BotDocumentFormat.Yaml);

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public void MalformedJson_IsAProblemAtALineAndColumn(string text) => AssertLocatedProblem(text, BotDocumentFormat.Json);

    [Fact]
    public void AYamlSyntaxError_NamesItsLineAndColumn_AndSaysWhatIsWrong()
    {
        var problem = Assert.Single(BotDocuments.Read("id: a\nname: 'unclosed\nlanguage: en\n", BotDocumentFormat.Yaml).Problems);

        Assert.Equal(2, problem.Line);
        Assert.Equal(7, problem.Column);
        Assert.StartsWith("YAML syntax error: ", problem.Message);
        Assert.DoesNotContain("(Line:", problem.Message);
    }

    [Fact]
    public void AJsonDuplicateKey_NamesItsLine()
    {
        var problem = Assert.Single(BotDocuments.Read("{\n  \"id\": \"a\",\n  \"id\": \"b\"\n}", BotDocumentFormat.Json).Problems);

        Assert.Equal(3, problem.Line);
        Assert.Contains("'id'", problem.Message);
    }

    private static void AssertLocatedProblem(string text, BotDocumentFormat format)
    {
        var result = BotDocuments.Read(text, format);

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, problem =>
        {
            Assert.True(problem.Line >= 1 && problem.Column >= 1, $"{problem.Message} has no position");
            Assert.DoesNotContain("(Line:", problem.Message);
            Assert.DoesNotContain("LineNumber:", problem.Message);
            Assert.DoesNotContain("Exception", problem.Message);
        });
    }
}
