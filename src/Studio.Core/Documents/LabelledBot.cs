using Studio.Core.Bots;

namespace Studio.Core.Documents;

/// <summary>
/// A bot made from labelled messages (a "text,label" CSV such as an exported NLU data set): one intent per
/// label with its messages as examples, and a fallback reply. Flows and responses are the designer's to add.
/// </summary>
public static class LabelledBot
{
    public static BotDefinition Create(string id, string name, IReadOnlyList<(string Text, string Label)> rows)
    {
        var intents = new List<Intent>();
        var byName = new Dictionary<string, Intent>(StringComparer.Ordinal);
        foreach (var (text, label) in rows)
        {
            var intentName = IntentName(label);
            if (!byName.TryGetValue(intentName, out var intent))
            {
                intent = new Intent { Name = intentName };
                byName[intentName] = intent;
                intents.Add(intent);
            }

            var example = text.Trim();
            if (example.Length > 0 && !intent.Examples.Contains(example))
            {
                intent.Examples.Add(example);
            }
        }

        return new BotDefinition
        {
            Id = id,
            Name = name,
            Intents = intents,
            Responses = [new ResponseTemplate { Name = "fallback", Variations = ["Sorry, I did not understand that. Could you say it another way?"] }],
            Fallback = new FallbackPolicy { Response = "fallback" },
        };
    }

    /// <summary>
    /// A label as an intent name: characters a name may not hold become underscores, with none left at the ends
    /// (BANKING77's "reverted_card_payment?" becomes "reverted_card_payment"). Test sets map labels the same way.
    /// </summary>
    public static string IntentName(string label)
    {
        var name = new string([.. label.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_')]).Trim('_', '.', '-');
        return name.Length == 0 ? "unnamed" : name;
    }
}
