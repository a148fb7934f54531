using Studio.Core.Bots;

namespace Studio.Core.Teaching;

/// <summary>One accepted teacher label: the message and the intent it teaches; <paramref name="Confidence"/> is null when a designer corrected it.</summary>
public sealed record AcceptedLabel(string Text, string Intent, double? Confidence);

/// <summary>Accepted teacher labels turned into examples of a bot, and taken out again to see what they changed.</summary>
public static class TaughtExamples
{
    /// <summary>
    /// Adds each label as an example of its intent, marked as taught by <paramref name="teacher"/>. A message the bot
    /// already has as an example of any intent is left as it is, so a taught label never contradicts a written one; marks
    /// of examples since removed or edited are dropped. Returns how many examples were added.
    /// </summary>
    /// <exception cref="ArgumentException">A label names an intent the bot does not have.</exception>
    public static int Add(BotDefinition bot, IReadOnlyList<AcceptedLabel> labels, string teacher)
    {
        var intents = bot.Intents.ToDictionary(i => i.Name, StringComparer.Ordinal);
        if (labels.FirstOrDefault(l => !intents.ContainsKey(l.Intent)) is { } unknown)
        {
            throw new ArgumentException($"'{unknown.Text}' is labelled '{unknown.Intent}', which is not an intent of the bot (renamed or removed since?); correct the label first.");
        }

        var known = bot.Intents.SelectMany(i => i.PlainExamples()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = 0;
        foreach (var label in labels)
        {
            // What a user typed is text: brackets that read as an entity mark ("[visa](card_type)") must not teach one.
            var text = Entities.ExampleMarkup.Plain(label.Text).Trim();
            if (text.Length == 0 || !known.Add(text))
            {
                continue;
            }

            var intent = intents[label.Intent];
            intent.Examples.Add(text);
            (intent.Taught ??= []).Add(new TaughtExample { Example = text, Teacher = teacher, Confidence = label.Confidence });
            added++;
        }

        foreach (var intent in bot.Intents.Where(i => i.Taught is not null))
        {
            var examples = intent.Examples.ToHashSet(StringComparer.Ordinal);
            intent.Taught!.RemoveAll(t => !examples.Contains(t.Example));
            intent.Taught = intent.Taught.Count == 0 ? null : intent.Taught;
        }

        return added;
    }

    /// <summary>The bot without the given taught examples, as it was before they were added: the "before" of a before/after comparison.</summary>
    public static BotDefinition Without(BotDefinition bot, IReadOnlyCollection<string> taught)
    {
        var drop = taught.Select(t => Entities.ExampleMarkup.Plain(t).Trim()).ToHashSet(StringComparer.Ordinal);
        var before = Documents.BotDocuments.Clone(bot);
        foreach (var intent in before.Intents)
        {
            intent.Examples.RemoveAll(e => drop.Contains(e) && intent.TaughtAs(e) is not null);
            intent.Taught?.RemoveAll(t => drop.Contains(t.Example));
            intent.Taught = intent.Taught is { Count: 0 } ? null : intent.Taught;
        }

        before.Intents.RemoveAll(i => i.Examples.Count == 0);
        return before;
    }
}
