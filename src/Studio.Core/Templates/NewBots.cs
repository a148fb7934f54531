using Studio.Core.Bots;

namespace Studio.Core.Templates;

/// <summary>The starting point of a new bot: a copy of a template, or an empty bot with a fallback.</summary>
public static class NewBots
{
    public static BotDefinition Create(string id, string? name, string? templateId, string? language, TemplateCatalog templates)
    {
        var bot = string.IsNullOrWhiteSpace(templateId) ? Empty() : templates.Load(templateId);
        bot.Id = id.Trim();
        bot.Name = string.IsNullOrWhiteSpace(name) ? (string.IsNullOrWhiteSpace(templateId) ? bot.Id : bot.Name) : name.Trim();
        if (!string.IsNullOrWhiteSpace(language))
        {
            bot.Language = language.Trim();
        }

        return bot;
    }

    // Even an empty bot has somewhere to go when it does not understand.
    private static BotDefinition Empty() => new()
    {
        Responses = [new ResponseTemplate { Name = "fallback", Variations = ["Sorry, I didn't understand that. Could you say it another way?"] }],
        Fallback = new FallbackPolicy { Response = "fallback", ConfidenceThreshold = 0.5 },
    };
}
