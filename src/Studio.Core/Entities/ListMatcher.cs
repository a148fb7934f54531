using System.Globalization;
using System.Text;

namespace Studio.Core.Entities;

/// <summary>
/// Finds list-entity values and synonyms in a message: case- and accent-insensitive, on word boundaries,
/// and tolerant of one typo per word of five letters or more ("savngs" still finds "savings").
/// </summary>
internal static class ListMatcher
{
    public sealed record Word(string Folded, int Start, int End);

    public static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\'' || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark))
            {
                i++;
            }

            words.Add(new Word(Fold(text[start..i]), start, i));
        }

        return words;
    }

    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var output = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && c != '\'')
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    /// <summary>Where <paramref name="phrase"/> (already split into folded words) occurs; fuzzy says whether a typo was forgiven.</summary>
    public static IEnumerable<(int FirstWord, int WordCount, bool Fuzzy)> Find(IReadOnlyList<Word> words, IReadOnlyList<string> phrase)
    {
        if (phrase.Count == 0)
        {
            yield break;
        }

        for (var start = 0; start + phrase.Count <= words.Count; start++)
        {
            var fuzzy = false;
            var matched = true;
            for (var k = 0; k < phrase.Count && matched; k++)
            {
                var word = words[start + k].Folded;
                if (word == phrase[k])
                {
                    continue;
                }

                if (phrase[k].Length >= 5 && WithinOneEdit(word, phrase[k]))
                {
                    fuzzy = true;
                }
                else
                {
                    matched = false;
                }
            }

            if (matched)
            {
                yield return (start, phrase.Count, fuzzy);
            }
        }
    }

    private static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        // After the first difference the rest must match after one substitution, insertion, deletion or swap.
        return a.AsSpan(Math.Min(i + 1, a.Length)).SequenceEqual(b.AsSpan(Math.Min(i + 1, b.Length)))
            || a.AsSpan(i).SequenceEqual(b.AsSpan(Math.Min(i + 1, b.Length)))
            || a.AsSpan(Math.Min(i + 1, a.Length)).SequenceEqual(b.AsSpan(i))
            || (i + 1 < a.Length && i + 1 < b.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
    }
}
