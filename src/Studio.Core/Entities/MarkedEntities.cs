using Studio.Core.Bots;
using Studio.Core.Documents;

namespace Studio.Core.Entities;

/// <summary>
/// What the entities marked in a bot's examples teach. A list entity learns each marked text: as a synonym of the
/// value the mark names (<c>[visa gold](card_type:visa)</c>), of the value it already is or is a synonym of, or as a new
/// value. Patterns and built-in extractors learn nothing from marks, so a mark they would not find is a warning.
/// </summary>
public static class MarkedEntities
{
    /// <summary>The bot's entities with what its examples' marks teach its list entities; the bot itself is left as it is.</summary>
    public static IReadOnlyList<EntityDefinition> Taught(BotDefinition bot)
    {
        var marks = Marks(bot).Where(m => m.Span.Entity is { } name && bot.Entities.Any(e => e.Name == name && e.Kind == EntityKind.List)).ToList();
        if (marks.Count == 0)
        {
            return bot.Entities;
        }

        return [.. bot.Entities.Select(entity => entity.Kind != EntityKind.List ? entity : Teach(entity, marks.Where(m => m.Span.Entity == entity.Name)))];
    }

    /// <summary>Every mark in the bot's examples with where it is: intent index, example index, the marked text.</summary>
    public static IEnumerable<(int Intent, int Example, string Text, MarkedSpan Span)> Marks(BotDefinition bot)
    {
        for (var i = 0; i < bot.Intents.Count; i++)
        {
            for (var e = 0; e < bot.Intents[i].Examples.Count; e++)
            {
                var parsed = ExampleMarkup.Parse(bot.Intents[i].Examples[e]);
                foreach (var span in parsed.Spans)
                {
                    yield return (i, e, parsed.Text.Substring(span.Start, span.Length), span);
                }
            }
        }
    }

    /// <summary>A mark of an entity that a pattern or a built-in extractor would not find where it is marked.</summary>
    public static IEnumerable<BotProblem> Warnings(BotDefinition bot)
    {
        var found = new Dictionary<(int, int), IReadOnlyList<ExtractedEntity>>();
        EntityExtractor? extractor = null;
        foreach (var (i, e, text, span) in Marks(bot))
        {
            if (bot.Entities.FirstOrDefault(d => d.Name == span.Entity) is not { Kind: EntityKind.Regex or EntityKind.Builtin })
            {
                continue;
            }

            extractor ??= EntityExtractor.For(bot);
            if (!found.TryGetValue((i, e), out var entities))
            {
                found[(i, e)] = entities = extractor.Extract(ExampleMarkup.Plain(bot.Intents[i].Examples[e]), DateOnly.FromDateTime(DateTime.UtcNow));
            }

            if (!entities.Any(x => x.Entity == span.Entity && x.Start < span.End && span.Start < x.Start + x.Length))
            {
                yield return new BotProblem(
                    $"The example marks '{text}' as {span.Entity}, but {span.Entity} does not find it there; its pattern or extractor decides what it finds, so check one against the other.",
                    $"/intents/{i}/examples/{e}");
            }
        }
    }

    private static EntityDefinition Teach(EntityDefinition entity, IEnumerable<(int Intent, int Example, string Text, MarkedSpan Span)> marks)
    {
        var values = (entity.Values ?? []).Select(v => new EntityValue { Value = v.Value, Synonyms = [.. v.Synonyms] }).ToList();
        foreach (var (_, _, text, span) in marks)
        {
            var said = text.Trim();
            var value = span.Value is { } named
                ? values.FirstOrDefault(v => Same(v.Value, named))
                : values.FirstOrDefault(v => Same(v.Value, said) || v.Synonyms.Any(s => Same(s, said)));
            if (value is null)
            {
                values.Add(value = new EntityValue { Value = span.Value ?? said });
            }

            if (!Same(value.Value, said) && !value.Synonyms.Any(s => Same(s, said)))
            {
                value.Synonyms.Add(said);
            }
        }

        return new EntityDefinition { Name = entity.Name, Kind = entity.Kind, Builtin = entity.Builtin, Pattern = entity.Pattern, Values = values };
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
