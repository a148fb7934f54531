using Studio.Core.Templates;
using Studio.Tests.Support;

namespace Studio.Tests.Documents;

public class TemplateTests
{
    [Fact]
    public void BankingTemplate_HasAtLeast20Intents_With12ExamplesEach_ResponsesAndAFallback()
    {
        var bot = Bots.Banking();

        Assert.True(bot.Intents.Count >= 20, $"{bot.Intents.Count} intents");
        Assert.All(bot.Intents, i => Assert.True(i.Examples.Count >= 12, $"{i.Name} has {i.Examples.Count} examples"));
        Assert.NotNull(bot.Fallback);
        Assert.Contains(bot.Responses, r => r.Name == bot.Fallback!.Response);
        Assert.All(bot.Intents, i => Assert.Contains(bot.Responses, r => r.Name == i.Name));
    }

    [Theory]
    [InlineData("banking.yaml")]
    [InlineData("it-helpdesk.yaml")]
    public void Template_StartsWithoutErrorsOrWarnings(string template)
    {
        var bot = Bots.Load(template);

        // A designer's first look at a starter bot must not be a list of things to fix.
        Assert.Empty(Studio.Core.Documents.BotDocuments.Validate(bot));
        Assert.Empty(Studio.Core.Documents.BotDocuments.Warnings(bot).Select(w => w.ToString()));
    }

    [Theory]
    [InlineData("banking.yaml")]
    [InlineData("it-helpdesk.yaml")]
    public void Template_CopiesNoSentenceFromBanking77(string template)
    {
        var dataset = Path.Combine(RepoPaths.Shared, "datasets", "banking77");
        Assert.True(Directory.Exists(dataset), $"BANKING77 expected at {dataset}");
        var datasetSentences = Directory.EnumerateFiles(dataset, "*.csv")
            .SelectMany(File.ReadLines)
            .Select(line => Normalise(line.Contains(',', StringComparison.Ordinal) ? line[..line.LastIndexOf(',')] : line))
            .ToHashSet();

        var copied = Bots.Load(template).Intents.SelectMany(i => i.PlainExamples()).Where(e => datasetSentences.Contains(Normalise(e))).ToList();

        Assert.Empty(copied);
    }

    [Fact]
    public void Catalog_ListsBothStarterBots()
    {
        var templates = new TemplateCatalog(RepoPaths.Templates).List();

        Assert.Contains(templates, t => t.Id == "banking" && t.IntentCount >= 20);
        Assert.Contains(templates, t => t.Id == "it-helpdesk" && t.IntentCount >= 12);
    }

    [Fact]
    public void Catalog_RefusesAnUnknownTemplate()
    {
        var catalog = new TemplateCatalog(RepoPaths.Templates);

        Assert.Throws<TemplateNotFoundException>(() => catalog.Load("../appsettings"));
        Assert.Throws<TemplateNotFoundException>(() => catalog.Load("no-such-template"));
    }

    private static string Normalise(string sentence) => sentence.Trim().Trim('"').Trim().ToLowerInvariant();
}
