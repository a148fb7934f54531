using System.Globalization;
using System.Text;

namespace Studio.Inference.Encoding;

/// <summary>
/// BERT's uncased tokenisation (basic tokeniser, then WordPiece), written to match the reference
/// implementation character for character: control characters dropped, accents stripped, ASCII and
/// Unicode punctuation split off, currency symbols kept inside words (they are not punctuation to BERT),
/// CJK characters isolated, and a word with no WordPiece split becoming one [UNK].
/// </summary>
public sealed class WordPieceTokenizer
{
    public const int MaxWordLength = 100;

    private readonly Dictionary<string, int> _vocabulary;

    public WordPieceTokenizer(IEnumerable<string> vocabularyLines)
    {
        _vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var line in vocabularyLines)
        {
            _vocabulary.TryAdd(line.TrimEnd('\r', '\n'), id++);
        }

        ClsId = IdOf("[CLS]");
        SepId = IdOf("[SEP]");
        UnknownId = IdOf("[UNK]");
        PadId = _vocabulary.GetValueOrDefault("[PAD]", 0);
    }

    public int ClsId { get; }

    public int SepId { get; }

    public int UnknownId { get; }

    public int PadId { get; }

    public int VocabularySize => _vocabulary.Count;

    public static WordPieceTokenizer FromFile(string path) => new(File.ReadLines(path));

    /// <summary>Token ids of <paramref name="text"/> with [CLS] and [SEP], cut to <paramref name="maxTokens"/> in all.</summary>
    public int[] Encode(string text, int maxTokens)
    {
        var ids = new List<int>(Math.Min(maxTokens, 64)) { ClsId };
        foreach (var word in BasicTokens(text))
        {
            WordPieces(word, ids);
            if (ids.Count >= maxTokens - 1)
            {
                break;
            }
        }

        if (ids.Count > maxTokens - 1)
        {
            ids.RemoveRange(maxTokens - 1, ids.Count - (maxTokens - 1));
        }

        ids.Add(SepId);
        return [.. ids];
    }

    /// <summary>The word-level tokens before WordPiece: cleaned, lower-cased, accent-free, punctuation split off.</summary>
    public static IEnumerable<string> BasicTokens(string text)
    {
        var cleaned = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value == 0 || value == 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhitespace(rune))
            {
                cleaned.Append(' ');
            }
            else if (IsCjk(value))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }

        foreach (var word in cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var normalised = StripAccents(word.ToLowerInvariant());
            var current = new StringBuilder();
            foreach (var rune in normalised.EnumerateRunes())
            {
                if (IsPunctuation(rune))
                {
                    if (current.Length > 0)
                    {
                        yield return current.ToString();
                        current.Clear();
                    }

                    yield return rune.ToString();
                }
                else
                {
                    current.Append(rune.ToString());
                }
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }
        }
    }

    private void WordPieces(string word, List<int> ids)
    {
        if (word.Length > MaxWordLength)
        {
            ids.Add(UnknownId);
            return;
        }

        var start = ids.Count;
        var position = 0;
        while (position < word.Length)
        {
            var end = word.Length;
            var found = -1;
            while (end > position)
            {
                var piece = position == 0 ? word[position..end] : "##" + word[position..end];
                if (_vocabulary.TryGetValue(piece, out var id))
                {
                    found = id;
                    break;
                }

                end--;
                // Never cut a surrogate pair in half.
                if (end > position && char.IsLowSurrogate(word[end]) && char.IsHighSurrogate(word[end - 1]))
                {
                    end--;
                }
            }

            if (found < 0)
            {
                ids.RemoveRange(start, ids.Count - start);
                ids.Add(UnknownId);
                return;
            }

            ids.Add(found);
            position = end;
        }
    }

    private int IdOf(string token) => _vocabulary.TryGetValue(token, out var id)
        ? id
        : throw new InvalidDataException($"The vocabulary has no {token} token; is it a BERT WordPiece vocabulary?");

    private static string StripAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var output = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    private static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
    }

    private static bool IsPunctuation(Rune rune)
    {
        var cp = rune.Value;
        if (cp is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(int cp) =>
        cp is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
