using Studio.Core.Bots;
using Studio.Core.Documents;

namespace Studio.Core.Templates;

/// <summary>The starter bots in the templates folder. Each file is a complete, valid bot document.</summary>
public sealed class TemplateCatalog(string directory)
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public string Directory { get; } = directory;

    public IReadOnlyList<BotTemplate> List() => [.. Scan().Where(s => s.Template is not null).Select(s => s.Template!)];

    /// <summary>Template files that do not load, with their first problem; the studio logs these at start-up.</summary>
    public IReadOnlyList<(string File, string Problem)> Broken() =>
        [.. Scan().Where(s => s.Template is null).Select(s => (s.File, s.Problem!))];

    private IEnumerable<(string File, BotTemplate? Template, string? Problem)> Scan()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order())
        {
            // A broken template is left out of the list rather than offered and then refused.
            var result = Read(file);
            yield return result.Bot is { } bot
                ? (file, new BotTemplate(Path.GetFileNameWithoutExtension(file), bot.Name, bot.Description, bot.Intents.Count, bot.Intents.Sum(i => i.Examples.Count), file), null)
                : (file, null, result.Problems[0].ToString());
        }
    }

    /// <summary>A fresh copy of the template's bot.</summary>
    public BotDefinition Load(string templateId)
    {
        var file = Extensions.Select(ext => Path.Combine(Directory, templateId + ext)).FirstOrDefault(File.Exists);
        if (file is null || templateId.Contains('/', StringComparison.Ordinal) || templateId.Contains('\\', StringComparison.Ordinal))
        {
            throw new TemplateNotFoundException(templateId);
        }

        var result = Read(file);
        return result.Bot ?? throw new BotValidationException(result.Problems);
    }

    private static BotReadResult Read(string file) => BotDocuments.Read(File.ReadAllText(file), BotDocuments.FormatOf(file));
}
