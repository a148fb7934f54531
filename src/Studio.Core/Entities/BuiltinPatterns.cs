using System.Text.RegularExpressions;

namespace Studio.Core.Entities;

/// <summary>The regular expressions behind the built-in extractors; compiled once, with a timeout against pathological input.</summary>
internal static partial class BuiltinPatterns
{
    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b", RegexOptions.CultureInvariant, 200)]
    public static partial Regex Email();

    // International or national numbers with optional separators; at least seven digits are checked in code.
    [GeneratedRegex(@"(?<![\w+])(\+\d{1,3}[\s.-]?)?(\(\d{2,5}\)[\s.-]?)?\d{2,5}([\s.-]?\d{2,5}){1,4}(?!\w)", RegexOptions.CultureInvariant, 200)]
    public static partial Regex Phone();

    [GeneratedRegex(@"(?<symbol>[$£€¥])\s?(?<amount>\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)(?<k>k\b)?|(?<amount>\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)(?<k>k)?\s?(?<word>dollars?|bucks|usd|euros?|eur|pounds?|quid|gbp|sterling|yen|jpy)\b|\b(?<word>usd|eur|gbp|jpy)\s?(?<amount>\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    public static partial Regex Money();

    [GeneratedRegex(@"(?<![\w.,])-?\d{1,3}(,\d{3})+(\.\d+)?(?![\w,]|\.\d)|(?<![\w.,])-?\d+(\.\d+)?(?![\w]|[.,]\d)|\b(?<word>zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    public static partial Regex Number();

    [GeneratedRegex(@"\b(?<h>[01]?\d|2[0-3]):(?<m>[0-5]\d)\s?(?<ampm>[ap]\.?m\.?)?(?!\w)|\b(?<h>1[0-2]|0?[1-9])\s?(?<ampm>[ap]\.?m\.?)(?!\w)|\b(?<word>noon|midday|midnight)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    public static partial Regex Time();

    [GeneratedRegex(@"\b(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})\b|\b(?<a>\d{1,2})[/.](?<b>\d{1,2})[/.](?<y>\d{2,4})\b", RegexOptions.CultureInvariant, 200)]
    public static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(st|nd|rd|th)?\s+(of\s+)?(?<month>jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b(\s+(?<y>\d{4}))?|\b(?<month>jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\s+(?<d>\d{1,2})(st|nd|rd|th)?\b(,?\s+(?<y>\d{4}))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    public static partial Regex NamedDate();

    [GeneratedRegex(@"\b(?<rel>today|tonight|tomorrow|yesterday)\b|\b(?<next>next|this|last|on)\s+(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bthe\s+(?<d>\d{1,2})(st|nd|rd|th)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    public static partial Regex RelativeDate();
}
