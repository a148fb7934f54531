using Studio.Core.Bots;
using Studio.Core.Documents;

namespace Studio.Tests.Support;

/// <summary>Bots for tests: the real starter templates and a small hand-made one.</summary>
public static class Bots
{
    public static BotDefinition Banking() => Load("banking.yaml");

    public static BotDefinition Load(string templateFile)
    {
        var result = BotDocuments.Read(File.ReadAllText(RepoPaths.Template(templateFile)), BotDocumentFormat.Yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Bot!;
    }

    public static BotDefinition Small(string id = "small-bot") => new()
    {
        Id = id,
        Name = "Small bot",
        Intents =
        [
            new Intent { Name = "greet", Examples = ["hello", "hi there"] },
            new Intent { Name = "bye", Examples = ["goodbye", "see you"] },
        ],
        Responses = [new ResponseTemplate { Name = "fallback", Variations = ["Sorry?"] }],
        Fallback = new FallbackPolicy { Response = "fallback" },
    };
}
