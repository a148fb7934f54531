using System.Text.RegularExpressions;

namespace Studio.Core.Entities;

/// <summary>
/// The regular expressions behind the built-in extractors. All run on the non-backtracking engine, so
/// matching is linear in the message length whatever the message holds (a run of 800 digits or of
/// '@' and '.'); the timeout is a last guard, and <see cref="EntityExtractor"/> reads a timeout as
/// "nothing found". That engine has no lookarounds: word boundaries do what it can, and the rest of
/// each boundary (no '+' before a phone, no '.' or ',' around a number) is checked by
/// <see cref="BuiltinExtractors"/> on the match.
/// </summary>
internal static partial class BuiltinPatterns
{
    public const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public const int TimeoutMilliseconds = 200;

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b", Options, TimeoutMilliseconds)]
    public static partial Regex Email();

    // International or national numbers with optional separators; at least seven digits are checked in code.
    // A '+' or '(' must not follow a word character (\B before them), a first digit must start a word (\b).
    [GeneratedRegex(@"(?:\B\+\d{1,3}[\s.-]?(?:\(\d{2,5}\)[\s.-]?)?|\B\(\d{2,5}\)[\s.-]?|\b)\d{2,5}(?:[\s.-]?\d{2,5}){1,4}\b", Options, TimeoutMilliseconds)]
    public static partial Regex Phone();

    [GeneratedRegex(@"(?<symbol>[$£€¥])\s?(?<amount>\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)(?<k>k\b)?|(?<amount>\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)(?<k>k)?\s?(?<word>dollars?|bucks|usd|euros?|eur|pounds?|quid|gbp|sterling|yen|jpy)\b|\b(?<word>usd|eur|gbp|jpy)\s?(?<amount>\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)",
        Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    public static partial Regex Money();

    // The first two alternatives are grouped numbers ("1,250.5") and plain ones ("-12.5"); what may not
    // touch them besides word characters ('.' and ',') is checked in code.
    [GeneratedRegex(@"(?<grouped>(?:\B-|\b)\d{1,3}(,\d{3})+(\.\d+)?\b)|(?<plain>(?:\B-|\b)\d+(\.\d+)?\b)|\b(?<word>zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b",
        Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    public static partial Regex Number();

    [GeneratedRegex(@"\b(?<h>[01]?\d|2[0-3]):(?<m>[0-5]\d)(?:\s?(?<ampm>[ap]\.?m\b\.?)|\b)|\b(?<h>1[0-2]|0?[1-9])\s?(?<ampm>[ap]\.?m\b\.?)|\b(?<word>noon|midday|midnight)\b",
        Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    public static partial Regex Time();

    [GeneratedRegex(@"\b(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})\b|\b(?<a>\d{1,2})[/.](?<b>\d{1,2})[/.](?<y>\d{2,4})\b", Options, TimeoutMilliseconds)]
    public static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(st|nd|rd|th)?\s+(of\s+)?(?<month>jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b(\s+(?<y>\d{4}))?|\b(?<month>jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\s+(?<d>\d{1,2})(st|nd|rd|th)?\b(,?\s+(?<y>\d{4}))?",
        Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    public static partial Regex NamedDate();

    [GeneratedRegex(@"\b(?<rel>today|tonight|tomorrow|yesterday)\b|\b(?<next>next|this|last|on)\s+(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bthe\s+(?<d>\d{1,2})(st|nd|rd|th)\b",
        Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    public static partial Regex RelativeDate();

    /// <summary>Every built-in pattern, so tests can hold them all to the same engine.</summary>
    public static IReadOnlyList<Regex> All => [Email(), Phone(), Money(), Number(), Time(), NumericDate(), NamedDate(), RelativeDate()];
}
