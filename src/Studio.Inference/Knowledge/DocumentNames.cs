using System.Globalization;
using System.Text;

namespace Studio.Inference.Knowledge;

/// <summary>
/// Tells look-alike documents apart by the name in their title. Documents at least half of whose section headings
/// at least two other documents share (branches, venues or products with the same FAQ) form a family; each family member's name
/// is its title less the words most of the family's titles share ("Northwind Bank … branch"). A conversation names a
/// document when some run of its words sounds like the name: character bigrams and trigrams, and bigrams of the
/// consonant skeleton, so "ashburn", "ash bourne" and "Ashbourne" meet. The message is looked at first, then the
/// earlier turns, most recent first, so "is there parking?" after "I'm going to Ashbourne" is about Ashbourne.
/// </summary>
public sealed class DocumentNames
{
    /// <summary>How alike a run of words and a name must sound (0–1); chosen on the look-alike set's validation questions.</summary>
    public const double DefaultThreshold = 0.6;

    /// <summary>Earlier user turns looked at when the message names nothing.</summary>
    public const int EarlierTurns = 3;

    // Names within this of the best also count, so near-ties keep both documents in scope.
    private const double Margin = 0.05;

    // A document is a family member when at least half its section headings are shared by this many documents.
    private const int FamilySize = 3;

    // Longest run of words compared with a name: names are a few words, and this bounds the work per message.
    private const int MaxRunWords = 5;

    // What of each text is read for a name: its start, its words of a plausible length.
    private const int MaxTextLength = 2_000;
    private const int MaxWordLength = 30;
    private const int MaxWords = 200;

    private sealed record NamedDocument(string Source, string Name, HashSet<string> Grams, HashSet<string> Skeleton, int Words);

    private readonly NamedDocument[] _names;

    // Words most of the family's documents use ("station", "parking"): a run made of them alone names nothing,
    // however much it sounds like a name ("station" and Stanton).
    private readonly HashSet<string> _familyWords;

    // Which names hold each gram, so a run is compared only with the names it shares a gram with.
    private readonly Dictionary<string, int[]> _namesByGram;
    private readonly Dictionary<string, int[]> _namesBySkeletonGram;

    private DocumentNames(NamedDocument[] names, HashSet<string> familyWords)
    {
        _names = names;
        _familyWords = familyWords;
        _namesByGram = Postings(names.Select(n => n.Grams));
        _namesBySkeletonGram = Postings(names.Select(n => n.Skeleton));
        Names = names.ToDictionary(n => n.Source, n => n.Name, StringComparer.Ordinal);
    }

    private static Dictionary<string, int[]> Postings(IEnumerable<HashSet<string>> grams) =>
        grams.SelectMany((set, n) => set.Select(g => (g, n))).GroupBy(p => p.g, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.n).ToArray(), StringComparer.Ordinal);

    public static readonly DocumentNames None = new([], []);

    /// <summary>The named documents, by source; empty when the base has no look-alike family.</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    /// <summary>Whether a source is one of a look-alike family (and so has a name).</summary>
    public bool IsNamed(string source) => Names.ContainsKey(source);

    public static DocumentNames Build(IReadOnlyList<KnowledgeChunk> chunks)
    {
        var documents = chunks.GroupBy(c => c.Source, StringComparer.Ordinal)
            .Select(g => (Source: g.Key, Title: TitleOf(g.Key, [.. g]),
                Chunks: g.ToArray(), Sections: g.Where(c => c.Headings.Count > 0).Select(c => Normalise(c.Headings[^1])).ToHashSet(StringComparer.Ordinal)))
            .Where(d => d.Sections.Count >= 2)
            .ToArray();
        // Counting documents per heading keeps this linear in the base's size, however many documents it has.
        var documentsPerHeading = documents.SelectMany(d => d.Sections).GroupBy(h => h, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var family = documents.Where(d => d.Sections.Count(h => documentsPerHeading[h] >= FamilySize) * 2 >= d.Sections.Count).ToArray();
        if (family.Length < 3)
        {
            return None;
        }

        // Words in more than a fifth of the family's titles (and in more than one) are the family's, not a member's name.
        var titleWords = family.Select(d => Words(d.Title).Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var common = titleWords.SelectMany(w => w).GroupBy(w => w, StringComparer.Ordinal).Where(g => g.Count() > Math.Max(1, family.Length / 5.0)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var names = family.Select((d, i) => (d.Source, Name: string.Join(' ', titleWords[i].Where(w => !common.Contains(w)))))
            .Where(n => n.Name.Length >= 3)
            .Select(n => new NamedDocument(n.Source, n.Name, Grams(n.Name.Replace(" ", "", StringComparison.Ordinal)), Skeleton(n.Name.Replace(" ", "", StringComparison.Ordinal)),
                n.Name.Count(c => c == ' ') + 1))
            .ToArray();
        var familyWords = family.SelectMany(d => d.Chunks.SelectMany(c => Words(c.Text)).Distinct(StringComparer.Ordinal)).GroupBy(w => w, StringComparer.Ordinal)
            .Where(g => g.Count() >= family.Length / 2.0).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return new DocumentNames(names, familyWords);
    }

    /// <summary>
    /// The documents the conversation is about: named in the message, else in the latest earlier turn that names one;
    /// null when none is named (search the whole base).
    /// </summary>
    public IReadOnlySet<string>? Find(string message, IReadOnlyList<string>? earlierTurns, double threshold = DefaultThreshold)
    {
        if (_names.Length == 0)
        {
            return null;
        }

        foreach (var text in earlierTurns is null ? [message] : earlierTurns.TakeLast(EarlierTurns).Reverse().Prepend(message))
        {
            if (Named(text, threshold) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private HashSet<string>? Named(string text, double threshold)
    {
        // Names are said near the start of what people type; the bound keeps a 20,000-character message cheap.
        var words = Words(text.Length > MaxTextLength ? text[..MaxTextLength] : text).Where(w => w.Length <= MaxWordLength).Take(MaxWords).ToArray();
        if (words.Length == 0)
        {
            return null;
        }

        var scores = new double[_names.Length];
        var gramHits = new int[_names.Length];
        var skeletonHits = new int[_names.Length];
        var touched = new List<int>();
        var marked = new bool[_names.Length];
        var longest = Math.Min(MaxRunWords, _names.Max(n => n.Words) + 1);
        for (var start = 0; start < words.Length; start++)
        {
            var run = new StringBuilder();
            var onlyFamilyWords = true;
            for (var length = 1; length <= longest && start + length <= words.Length; length++)
            {
                run.Append(words[start + length - 1]);
                onlyFamilyWords &= _familyWords.Contains(words[start + length - 1]);
                var joined = run.ToString();
                if (joined.Length < 3 || onlyFamilyWords)
                {
                    continue;
                }

                var grams = Grams(joined);
                var skeleton = Skeleton(joined);
                Count(grams, _namesByGram, gramHits, touched, marked);
                Count(skeleton, _namesBySkeletonGram, skeletonHits, touched, marked);
                foreach (var n in touched)
                {
                    // The mean of two Dice coefficients: over the spelling's grams and over the skeleton's.
                    var score = ((2.0 * gramHits[n] / (grams.Count + _names[n].Grams.Count)) + (2.0 * skeletonHits[n] / (skeleton.Count + _names[n].Skeleton.Count))) / 2;
                    scores[n] = Math.Max(scores[n], score);
                    gramHits[n] = 0;
                    skeletonHits[n] = 0;
                    marked[n] = false;
                }

                touched.Clear();
            }
        }

        var best = scores.Max();
        if (best < threshold)
        {
            return null;
        }

        return Enumerable.Range(0, _names.Length).Where(n => scores[n] >= best - Margin).Select(n => _names[n].Source).ToHashSet(StringComparer.Ordinal);
    }

    // The heading every passage sits under, when there is one (a document's "# Title"), else the file name.
    private static string TitleOf(string source, IReadOnlyList<KnowledgeChunk> chunks)
    {
        var first = chunks[0].Headings.Count > 0 ? chunks[0].Headings[0] : null;
        return first is not null && chunks.All(c => c.Headings.Count > 0 && c.Headings[0] == first) && chunks.Any(c => c.Headings.Count > 1)
            ? first
            : Path.GetFileNameWithoutExtension(source).Replace('-', ' ').Replace('_', ' ');
    }

    private static void Count(HashSet<string> grams, Dictionary<string, int[]> postings, int[] hits, List<int> touched, bool[] marked)
    {
        foreach (var gram in grams)
        {
            if (!postings.TryGetValue(gram, out var names))
            {
                continue;
            }

            foreach (var n in names)
            {
                if (!marked[n])
                {
                    marked[n] = true;
                    touched.Add(n);
                }

                hits[n]++;
            }
        }
    }

    // Bigrams and trigrams of the word with its ends marked, so a shared beginning or ending counts.
    private static HashSet<string> Grams(string word) => MarkedGrams(word, 3);

    private static HashSet<string> MarkedGrams(string word, int longest)
    {
        var marked = $"#{word}#";
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 2; n <= longest; n++)
        {
            for (var i = 0; i + n <= marked.Length; i++)
            {
                grams.Add(marked.Substring(i, n));
            }
        }

        return grams;
    }

    // Bigrams of the consonants after the first letter, repeats collapsed: how a name sounds more than how it is
    // spelt ("ashbourne", "ashburn" → "ashbrn").
    private static HashSet<string> Skeleton(string word)
    {
        var skeleton = new StringBuilder();
        foreach (var c in word)
        {
            var keep = skeleton.Length == 0 || !"aeiouy".Contains(c, StringComparison.Ordinal);
            if (keep && (skeleton.Length == 0 || skeleton[^1] != c))
            {
                skeleton.Append(c);
            }
        }

        return MarkedGrams(skeleton.ToString(), 2);
    }

    private static string Normalise(string heading) => string.Join(' ', Words(heading));

    // Lower-case letters and digits, accents dropped.
    private static string[] Words(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
