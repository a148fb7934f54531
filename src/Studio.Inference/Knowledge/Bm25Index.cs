using System.Text;

namespace Studio.Inference.Knowledge;

/// <summary>
/// Okapi BM25 over passages (k1 = 1.2, b = 0.75) with an inverted index: words lower-cased and split on anything
/// that is not a letter or digit, common English function words left out, and a light suffix stripping so
/// "fees" finds "fee" and "charged" finds "charge".
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in", "is", "it", "its", "me", "my",
        "of", "on", "or", "our", "so", "that", "the", "this", "to", "was", "we", "what", "when", "where", "which", "who", "will", "with", "you", "your",
    };

    private readonly Dictionary<string, List<(int Doc, int Count)>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;

    public Bm25Index(IReadOnlyList<string> documents)
    {
        _lengths = new int[documents.Count];
        for (var d = 0; d < documents.Count; d++)
        {
            var terms = Terms(documents[d]);
            _lengths[d] = terms.Count;
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(group.Key, out var list))
                {
                    _postings[group.Key] = list = [];
                }

                list.Add((d, group.Count()));
            }
        }

        _averageLength = documents.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    public int Count => _lengths.Length;

    /// <summary>Every passage's score for the query (zero where no query word occurs).</summary>
    public double[] Score(string query)
    {
        var scores = new double[_lengths.Length];
        foreach (var term in Terms(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                continue;
            }

            var idf = Math.Log(1 + ((_lengths.Length - postings.Count + 0.5) / (postings.Count + 0.5)));
            foreach (var (doc, count) in postings)
            {
                scores[doc] += idf * count * (K1 + 1) / (count + (K1 * (1 - B + (B * _lengths[doc] / _averageLength))));
            }
        }

        return scores;
    }

    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC) + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0 && !StopWords.Contains(word.ToString()))
            {
                terms.Add(Stem(word.ToString()));
            }

            word.Clear();
        }

        return terms;
    }

    // Enough of English inflection to join singular and plural, and a verb with its -ed and -ing forms
    // ("charge", "charges", "charged" and "charging" all become "charg").
    private static string Stem(string word)
    {
        var stem = word switch
        {
            { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
            { Length: > 5 } when word.EndsWith("ing", StringComparison.Ordinal) => word[..^3],
            { Length: > 4 } when word.EndsWith("ed", StringComparison.Ordinal) => word[..^2],
            { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) => word[..^1],
            _ => word,
        };
        return stem.Length > 4 && stem.EndsWith('e') ? stem[..^1] : stem;
    }
}
