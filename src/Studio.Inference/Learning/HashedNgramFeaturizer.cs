using System.Globalization;
using System.Text;

namespace Studio.Inference.Learning;

/// <summary>
/// TF-IDF over hashed word uni- and bigrams and character 2–5-grams (inside word boundaries), with
/// sublinear term frequency and features seen in fewer than two training texts dropped; rows are
/// L2-normalised. Hashing keeps the feature space fixed (no vocabulary to store or grow).
/// </summary>
public sealed class HashedNgramFeaturizer
{
    public const int DefaultBits = 18;

    private readonly float[] _idf;

    private HashedNgramFeaturizer(int bits, float[] idf)
    {
        Bits = bits;
        _idf = idf;
    }

    public int Bits { get; }

    public int Dimensions => 1 << Bits;

    /// <summary>Inverse document frequencies; 0 for features too rare to keep.</summary>
    public ReadOnlySpan<float> Idf => _idf;

    public static HashedNgramFeaturizer Fit(IReadOnlyList<string> texts, int bits = DefaultBits, int minDocumentFrequency = 2)
    {
        var dimensions = 1 << bits;
        var documentFrequency = new int[dimensions];
        foreach (var text in texts)
        {
            foreach (var feature in Counts(text, dimensions).Keys)
            {
                documentFrequency[feature]++;
            }
        }

        var idf = new float[dimensions];
        for (var f = 0; f < dimensions; f++)
        {
            if (documentFrequency[f] >= minDocumentFrequency)
            {
                idf[f] = (float)(Math.Log((texts.Count + 1d) / (documentFrequency[f] + 1d)) + 1d);
            }
        }

        return new HashedNgramFeaturizer(bits, idf);
    }

    public static HashedNgramFeaturizer FromIdf(int bits, float[] idf) => new(bits, idf);

    /// <summary>
    /// A copy that also knows the n-grams of <paramref name="texts"/> it had dropped or never seen, each with the
    /// largest IDF it holds (unseen in the fitted texts means as rare as anything there); known features keep theirs.
    /// </summary>
    public HashedNgramFeaturizer WithUnseenFeaturesOf(IReadOnlyList<string> texts)
    {
        var idf = _idf.ToArray();
        var rarest = idf.Length == 0 ? 1f : Math.Max(1f, idf.Max());
        foreach (var text in texts)
        {
            foreach (var feature in Counts(text, Dimensions).Keys)
            {
                if (idf[feature] == 0)
                {
                    idf[feature] = rarest;
                }
            }
        }

        return new HashedNgramFeaturizer(Bits, idf);
    }

    public SparseRow Featurize(string text)
    {
        var counts = Counts(text, Dimensions);
        var indices = new List<int>(counts.Count);
        var values = new List<float>(counts.Count);
        double norm = 0;
        foreach (var (feature, count) in counts)
        {
            var idf = _idf[feature];
            if (idf == 0)
            {
                continue;
            }

            var value = (float)((1 + Math.Log(count)) * idf);
            indices.Add(feature);
            values.Add(value);
            norm += value * value;
        }

        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < values.Count; i++)
            {
                values[i] *= scale;
            }
        }

        return new SparseRow([.. indices], [.. values]);
    }

    /// <summary>Lower-cased words: runs of letters and digits, accents removed.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static Dictionary<int, int> Counts(string text, int dimensions)
    {
        var counts = new Dictionary<int, int>();
        var words = Words(text);
        var mask = dimensions - 1;
        for (var w = 0; w < words.Count; w++)
        {
            Add(counts, Hash(1, words[w]) & mask);
            if (w + 1 < words.Count)
            {
                Add(counts, Hash(2, words[w], words[w + 1]) & mask);
            }

            var padded = " " + words[w] + " ";
            for (var n = 2; n <= 5; n++)
            {
                for (var i = 0; i + n <= padded.Length; i++)
                {
                    Add(counts, Hash(3, padded.AsSpan(i, n)) & mask);
                }
            }
        }

        return counts;
    }

    private static void Add(Dictionary<int, int> counts, int feature) =>
        counts[feature] = counts.TryGetValue(feature, out var c) ? c + 1 : 1;

    // FNV-1a with a namespace byte, so a word, a bigram and a character n-gram never share a hash by construction.
    private static int Hash(int kind, ReadOnlySpan<char> text, ReadOnlySpan<char> second = default)
    {
        var hash = 2166136261u ^ (uint)kind;
        hash *= 16777619u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        if (!second.IsEmpty)
        {
            hash = (hash ^ 0x1F) * 16777619u;
            foreach (var c in second)
            {
                hash = (hash ^ c) * 16777619u;
            }
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    private static int Hash(int kind, string text, string second) => Hash(kind, text.AsSpan(), second.AsSpan());

    private static int Hash(int kind, string text) => Hash(kind, text.AsSpan());
}
