using System.Text.RegularExpressions;
using Studio.Core.Bots;

namespace Studio.Core.Entities;

/// <summary>
/// Extracts a bot's entities from a message without any model: built-in extractors, list entities with
/// synonyms and typo tolerance, and regular expressions. Where two finds overlap the longer one wins
/// (then the more specific kind), so "$450" is money, not the number 450, and a designer's own pattern for an
/// 8-digit account number beats the built-in phone number that the same digits also look like.
/// </summary>
public sealed class EntityExtractor(IReadOnlyList<EntityDefinition> entities, bool monthFirstDates = false)
{
    /// <summary>Longest message examined; longer text is cut so one pasted document cannot stall a turn.</summary>
    public const int MaxTextLength = 4000;

    // Between the date and the phone: a pattern the designer wrote for this bot says more than a generic phone or time
    // detector, but an email, an amount or a date is what such text almost always is.
    private const int RegexPriority = 3;

    private static readonly Dictionary<BuiltinEntity, int> BuiltinPriority = new()
    {
        [BuiltinEntity.Email] = 0, [BuiltinEntity.Money] = 1, [BuiltinEntity.Date] = 2, [BuiltinEntity.Time] = 4,
        [BuiltinEntity.Phone] = 4, [BuiltinEntity.Number] = 9,
    };

    private readonly List<(EntityDefinition Entity, List<(string Value, string[] Words)> Phrases)> _lists = entities
        .Where(e => e.Kind == EntityKind.List)
        .Select(e => (e, (e.Values ?? []).SelectMany(v => new[] { v.Value }.Concat(v.Synonyms)
            .Select(p => (v.Value, ListMatcher.Words(p).Select(w => w.Folded).ToArray()))).Where(p => p.Item2.Length > 0).ToList()))
        .ToList();

    private readonly Dictionary<string, Regex?> _patterns = entities
        .Where(e => e is { Kind: EntityKind.Regex, Pattern.Length: > 0 })
        .DistinctBy(e => e.Pattern, StringComparer.Ordinal)
        .ToDictionary(e => e.Pattern!, e => DesignerPatterns.Compile(e.Pattern!), StringComparer.Ordinal);

    /// <summary>The bot's extractor: its entities, with the values and synonyms its examples' marks teach (<see cref="MarkedEntities"/>).</summary>
    public static EntityExtractor For(BotDefinition bot) =>
        new(MarkedEntities.Taught(bot), monthFirstDates: bot.Language.Equals("en-US", StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<ExtractedEntity> Extract(string text, DateOnly today)
    {
        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }

        var candidates = new List<Candidate>();
        foreach (var entity in entities)
        {
            switch (entity)
            {
                case { Kind: EntityKind.Builtin, Builtin: { } kind }:
                    candidates.AddRange(BuiltinMatches(entity.Name, kind, text, today));
                    break;
                case { Kind: EntityKind.Regex, Pattern: { Length: > 0 } pattern }:
                    candidates.AddRange(RegexMatches(entity.Name, _patterns[pattern], text));
                    break;
            }
        }

        candidates.AddRange(ListMatches(text));
        return Resolve(candidates);
    }

    // Matching is lazy, so the whole enumeration runs inside the try; a timeout means "nothing found",
    // never an error, in a turn as in training.
    private List<Candidate> BuiltinMatches(string name, BuiltinEntity kind, string text, DateOnly today)
    {
        try
        {
            return BuiltinExtractors.Find(kind, text, today, monthFirstDates).Select(f =>
                new Candidate(new ExtractedEntity(name, f.Match.Value, f.Match.Index, f.Match.Length, f.Value, $"builtin:{kind.ToString().ToLowerInvariant()}"), BuiltinPriority[kind])).ToList();
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }
    }

    private static List<Candidate> RegexMatches(string name, Regex? pattern, string text)
    {
        if (pattern is null)
        {
            return [];
        }

        try
        {
            return pattern.Matches(text).Where(m => m.Length > 0)
                .Select(m => new Candidate(new ExtractedEntity(name, m.Value, m.Index, m.Length, m.Value, "regex"), RegexPriority)).ToList();
        }
        catch (RegexMatchTimeoutException)
        {
            return []; // a pattern that is too slow for this message finds nothing rather than stalling the turn
        }
    }

    private IEnumerable<Candidate> ListMatches(string text)
    {
        if (_lists.Count == 0)
        {
            yield break;
        }

        var words = ListMatcher.Words(text);
        foreach (var (entity, phrases) in _lists)
        {
            foreach (var (value, phrase) in phrases)
            {
                foreach (var (first, count, fuzzy) in ListMatcher.Find(words, phrase))
                {
                    var start = words[first].Start;
                    var end = words[first + count - 1].End;
                    yield return new Candidate(new ExtractedEntity(entity.Name, text[start..end], start, end - start, value, fuzzy ? "list:fuzzy" : "list"), fuzzy ? 7 : 6);
                }
            }
        }
    }

    private static List<ExtractedEntity> Resolve(List<Candidate> candidates)
    {
        var chosen = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Entity.Length).ThenBy(c => c.Priority).ThenBy(c => c.Entity.Start))
        {
            if (!chosen.Any(c => c.Overlaps(candidate)))
            {
                chosen.Add(candidate);
            }
        }

        return [.. chosen.OrderBy(c => c.Entity.Start).Select(c => c.Entity)];
    }
}
