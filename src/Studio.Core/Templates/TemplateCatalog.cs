using Studio.Core.Bots;
using Studio.Core.Documents;

namespace Studio.Core.Templates;

/// <summary>The starter bots in the templates folder. Each file is a complete, valid bot document.</summary>
public sealed class TemplateCatalog(string directory)
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public string Directory { get; } = directory;

    public IReadOnlyList<BotTemplate> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var templates = new List<BotTemplate>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order())
        {
            // A broken template is skipped in the list; Load names its problems when someone picks it.
            if (Read(file).Bot is { } bot)
            {
                templates.Add(new BotTemplate(Path.GetFileNameWithoutExtension(file), bot.Name, bot.Description,
                    bot.Intents.Count, bot.Intents.Sum(i => i.Examples.Count), file));
            }
        }

        return templates;
    }

    /// <summary>A fresh copy of the template's bot.</summary>
    public BotDefinition Load(string templateId)
    {
        var file = Extensions.Select(ext => Path.Combine(Directory, templateId + ext)).FirstOrDefault(File.Exists);
        if (file is null || templateId.Contains('/', StringComparison.Ordinal) || templateId.Contains('\\', StringComparison.Ordinal))
        {
            throw new FileNotFoundException($"There is no template '{templateId}' in {Directory}.");
        }

        var result = Read(file);
        return result.Bot ?? throw new BotValidationException(result.Problems);
    }

    private static BotReadResult Read(string file) => BotDocuments.Read(File.ReadAllText(file), BotDocuments.FormatOf(file));
}
