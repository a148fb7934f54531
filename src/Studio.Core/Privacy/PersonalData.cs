using System.Text.RegularExpressions;

namespace Studio.Core.Privacy;

/// <summary>
/// Finds personal data in what a user typed or a bot said: emails, phone numbers, card numbers (Luhn-checked), IBANs
/// (mod-97-checked), a password or PIN someone states, and a bot's own patterns. Checked numbers win over phone
/// numbers, so a card is named a card; spans never overlap. Every expression runs without backtracking.
/// </summary>
public static class PersonalData
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Card = "card number";
    public const string Iban = "IBAN";
    public const string Password = "password";
    public const string LongNumber = "number";

    private const RegexOptions Safe = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Regex Emails = new(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", Safe, RedactionPatterns.MatchTimeout);

    private static readonly Regex Ibans = new(@"\b[A-Za-z]{2}[0-9]{2}( ?[A-Za-z0-9]){11,32}", Safe, RedactionPatterns.MatchTimeout);

    private static readonly Regex Digits = new(@"\+?\(?[0-9]([0-9]|[ \-.()/]{1,2}[0-9]){5,22}", Safe, RedactionPatterns.MatchTimeout);

    private static readonly Regex Dates = new(@"^([0-9]{4}[\-./][0-9]{1,2}[\-./][0-9]{1,2}|[0-9]{1,2}[\-./][0-9]{1,2}[\-./][0-9]{2,4})$", Safe, RedactionPatterns.MatchTimeout);

    // "password is hunter2", "pin: 1234": the keyword stays, so a reader still sees what was said; only the value goes.
    private static readonly Regex Secrets = new(
        @"\b(password|passcode|passwd|pwd|passphrase|pin|cvv|cvc|otp|one-time code|security code)\b( +(is|was)( *[:=\-])?| *[:=]| +-) *[^\s]+|\b(pin|cvv|cvc|otp) *[0-9]{3,8}\b",
        Safe | RegexOptions.IgnoreCase, RedactionPatterns.MatchTimeout);

    /// <summary>The time one text may take to check, all expressions together: each also has its own per-match timeout.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(500);

    /// <summary>Every piece of personal data in <paramref name="text"/>, in order, without overlaps.</summary>
    /// <param name="custom">The bot's patterns (see <see cref="RedactionPatterns.Compile"/>) with the names they are redacted as.</param>
    /// <exception cref="RegexMatchTimeoutException">One match, or the whole check, took longer than allowed (<see cref="Budget"/>).</exception>
    public static IReadOnlyList<PersonalDataSpan> Find(string text, IReadOnlyList<(string Name, Regex Pattern)>? custom = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        void WithinBudget(string pattern)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > Budget)
            {
                throw new RegexMatchTimeoutException("", pattern, Budget); // the text is not carried: it may be logged
            }
        }

        var found = new List<PersonalDataSpan>();
        foreach (Match m in Emails.Matches(text))
        {
            found.Add(new PersonalDataSpan(m.Index, m.Length, Email));
        }

        foreach (Match m in Secrets.Matches(text))
        {
            found.Add(SecretValue(text, m));
        }

        foreach (var (name, pattern) in custom ?? [])
        {
            WithinBudget(pattern.ToString());
            foreach (Match m in pattern.Matches(text))
            {
                if (m.Length > 0)
                {
                    found.Add(new PersonalDataSpan(m.Index, m.Length, name));
                }
            }
        }

        WithinBudget(Ibans.ToString());

        foreach (Match m in Ibans.Matches(text))
        {
            if (CheckedPrefix(text, m.Index, m.Length, 15, 34, candidate => Checksums.Iban(candidate.ToUpperInvariant())) is { } length)
            {
                found.Add(new PersonalDataSpan(m.Index, length, Iban));
            }
        }

        WithinBudget(Digits.ToString());
        foreach (Match m in Digits.Matches(text))
        {
            Numbers(text, m.Index, m.Length, found);
        }

        WithinBudget(Digits.ToString());

        return WithoutOverlaps(found);
    }

    /// <summary><paramref name="text"/> with each span replaced by what <paramref name="replacement"/> makes of it.</summary>
    public static string Replace(string text, IReadOnlyList<PersonalDataSpan> spans, Func<PersonalDataSpan, string, string> replacement)
    {
        if (spans.Count == 0)
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            result.Append(text, at, span.Start - at).Append(replacement(span, text.Substring(span.Start, span.Length)));
            at = span.End;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    private static PersonalDataSpan SecretValue(string text, Match m)
    {
        // The value is the last run of non-spaces in the match; the keyword and "is" stay readable.
        var end = m.Index + m.Length;
        var start = end;
        while (start > m.Index && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] is not ':' and not '=')
        {
            start--;
        }

        return start == end ? new PersonalDataSpan(m.Index, m.Length, Password) : new PersonalDataSpan(start, end - start, Password);
    }

    /// <summary>
    /// A run of digits holds a card number at its start ("4111 1111 1111 1111 12/27": the expiry runs on), a phone
    /// number, or a long number that is neither; what follows a card is looked at again.
    /// </summary>
    private static void Numbers(string text, int start, int length, List<PersonalDataSpan> found)
    {
        var value = text.Substring(start, length);
        var digits = value.Count(char.IsAsciiDigit);
        if (digits >= 13 && CheckedPrefix(text, start, length, 13, 19, candidate => Checksums.Luhn(candidate)) is { } card)
        {
            found.Add(new PersonalDataSpan(start, card, Card));
            if (Digits.Match(text, start + card, length - card) is { Success: true } rest)
            {
                Numbers(text, rest.Index, rest.Length, found);
            }

            return;
        }

        var trimmed = value.TrimEnd(' ', '-', '.', '(', '/');
        if (digits is >= 7 and <= 15 && !Dates.IsMatch(trimmed))
        {
            found.Add(new PersonalDataSpan(start, trimmed.Length, Phone));
        }
        else if (digits > 15)
        {
            // Too long for a phone, no card at its start: an account number, or numbers typed together. Kept whole, it
            // could still hold a card or a phone number, so none of it is stored.
            found.Add(new PersonalDataSpan(start, trimmed.Length, LongNumber));
        }
    }

    /// <summary>
    /// The length of the longest start of the match whose letters and digits, spaces and dashes left out, pass the check
    /// and number between <paramref name="min"/> and <paramref name="max"/>: a match can run on into the next word.
    /// </summary>
    private static int? CheckedPrefix(string text, int start, int length, int min, int max, Func<string, bool> check)
    {
        var compact = new System.Text.StringBuilder();
        var ends = new List<int>();
        for (var i = start; i < start + length; i++)
        {
            if (char.IsAsciiLetterOrDigit(text[i]))
            {
                compact.Append(text[i]);
                ends.Add(i + 1 - start);
            }
        }

        for (var count = Math.Min(max, compact.Length); count >= min; count--)
        {
            if (check(compact.ToString(0, count)))
            {
                return ends[count - 1];
            }
        }

        return null;
    }

    private static List<PersonalDataSpan> WithoutOverlaps(List<PersonalDataSpan> found)
    {
        // Earlier kinds were added first and win a tie; among overlapping spans the one starting first stays.
        var kept = new List<PersonalDataSpan>();
        foreach (var span in found.Where(s => s.Length > 0).Select((s, order) => (s, order)).OrderBy(x => x.s.Start).ThenBy(x => x.order).Select(x => x.s))
        {
            if (kept.Count == 0 || span.Start >= kept[^1].End)
            {
                kept.Add(span);
            }
        }

        return kept;
    }
}
