using System.Globalization;
using System.Text.RegularExpressions;
using Studio.Core.Bots;

namespace Studio.Core.Entities;

/// <summary>
/// The built-in extractors: each finds its kind of value and normalises it — money as "1250.00 EUR",
/// dates as ISO dates resolved against a reference day, times as "HH:mm", phones as digits.
/// </summary>
internal static class BuiltinExtractors
{
    private static readonly Dictionary<string, string> CurrencyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = "USD", ["dollar"] = "USD", ["dollars"] = "USD", ["bucks"] = "USD", ["usd"] = "USD",
        ["€"] = "EUR", ["euro"] = "EUR", ["euros"] = "EUR", ["eur"] = "EUR",
        ["£"] = "GBP", ["pound"] = "GBP", ["pounds"] = "GBP", ["quid"] = "GBP", ["gbp"] = "GBP", ["sterling"] = "GBP",
        ["¥"] = "JPY", ["yen"] = "JPY", ["jpy"] = "JPY",
    };

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["hundred"] = 100,
    };

    public static IEnumerable<(Match Match, string Value)> Find(BuiltinEntity kind, string text, DateOnly today, bool monthFirst) => kind switch
    {
        BuiltinEntity.Email => BuiltinPatterns.Email().Matches(text).Select(m => (m, m.Value.ToLowerInvariant())),
        BuiltinEntity.Phone => BuiltinPatterns.Phone().Matches(text).Where(m => Before(text, m) != '+')
            .Select(m => (m, Phone(m.Value))).Where(p => p.Item2.Count(char.IsAsciiDigit) is >= 7 and <= 15),
        BuiltinEntity.Money => Found(BuiltinPatterns.Money().Matches(text), Money),
        BuiltinEntity.Number => Found(BuiltinPatterns.Number().Matches(text).Where(m => IsWholeNumber(text, m)), Number),
        BuiltinEntity.Time => BuiltinPatterns.Time().Matches(text).Select(m => (m, Time(m))).Where(p => p.Item2 is not null).Select(p => (p.m, p.Item2!)),
        BuiltinEntity.Date => Dates(text, today, monthFirst),
        _ => [],
    };

    private static IEnumerable<(Match, string)> Found(IEnumerable<Match> matches, Func<Match, string?> value) =>
        matches.Select(m => (m, value(m))).Where(p => p.Item2 is not null).Select(p => (p.m, p.Item2!));

    private static char Before(string text, Match m) => m.Index > 0 ? text[m.Index - 1] : ' ';

    private static char After(string text, Match m, int offset = 0) => m.Index + m.Length + offset < text.Length ? text[m.Index + m.Length + offset] : ' ';

    // The boundaries the pattern cannot say: "1.5.3", "1,234,5" and "v2.0" hold no number.
    private static bool IsWholeNumber(string text, Match m)
    {
        if (m.Groups["word"].Success)
        {
            return true;
        }

        var next = After(text, m);
        var followedByDigit = char.IsAsciiDigit(After(text, m, 1));
        return Before(text, m) is not ('.' or ',') && (m.Groups["grouped"].Success
            ? next != ',' && !(next == '.' && followedByDigit)
            : !(next is '.' or ',' && followedByDigit));
    }

    private static string Phone(string text) => (text.TrimStart().StartsWith('+') ? "+" : "") + new string(text.Where(char.IsAsciiDigit).ToArray());

    // An amount beyond what a decimal holds (a run of 800 digits) is no amount at all.
    private static string? Money(Match m)
    {
        if (!decimal.TryParse(m.Groups["amount"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            || (m.Groups["k"].Success && amount > decimal.MaxValue / 1000))
        {
            return null;
        }

        if (m.Groups["k"].Success)
        {
            amount *= 1000;
        }

        var unit = m.Groups["symbol"].Success ? m.Groups["symbol"].Value : m.Groups["word"].Value;
        return string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {CurrencyWords[unit]}");
    }

    private static string? Number(Match m) => m.Groups["word"].Success
        ? NumberWords[m.Groups["word"].Value].ToString(CultureInfo.InvariantCulture)
        : decimal.TryParse(m.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : null;

    private static string? Time(Match m)
    {
        if (m.Groups["word"].Success)
        {
            return m.Groups["word"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? "00:00" : "12:00";
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups["ampm"].Success)
        {
            if (hour > 12)
            {
                return null;
            }

            var pm = char.ToLowerInvariant(m.Groups["ampm"].Value[0]) == 'p';
            hour = (hour % 12) + (pm ? 12 : 0);
        }

        return $"{hour:00}:{minute:00}";
    }

    private static IEnumerable<(Match, string)> Dates(string text, DateOnly today, bool monthFirst)
    {
        foreach (Match m in BuiltinPatterns.NumericDate().Matches(text))
        {
            int year, month, day;
            if (m.Groups["mo"].Success)
            {
                (year, month, day) = (Int(m, "y"), Int(m, "mo"), Int(m, "d"));
            }
            else
            {
                var (a, b) = (Int(m, "a"), Int(m, "b"));
                (month, day) = monthFirst ? (a, b) : (b, a);
                year = Int(m, "y");
                year = year < 100 ? 2000 + year : year;
            }

            if (TryDate(year, month, day) is { } date)
            {
                yield return (m, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        foreach (Match m in BuiltinPatterns.NamedDate().Matches(text))
        {
            var month = DateTime.ParseExact(m.Groups["month"].Value[..3], "MMM", CultureInfo.InvariantCulture).Month;
            var day = Int(m, "d");
            var explicitYear = m.Groups["y"].Success;
            var year = explicitYear ? Int(m, "y") : today.Year;
            if (TryDate(year, month, day) is { } date)
            {
                // "March 3rd" with no year means the next March 3rd within a year, or today.
                if (!explicitYear && date < today.AddMonths(-6))
                {
                    date = date.AddYears(1);
                }

                yield return (m, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        foreach (Match m in BuiltinPatterns.RelativeDate().Matches(text))
        {
            DateOnly? date = null;
            if (m.Groups["rel"].Success)
            {
                date = m.Groups["rel"].Value.ToLowerInvariant() switch
                {
                    "tomorrow" => today.AddDays(1),
                    "yesterday" => today.AddDays(-1),
                    _ => today,
                };
            }
            else if (m.Groups["day"].Success)
            {
                var target = Enum.Parse<DayOfWeek>(m.Groups["day"].Value, ignoreCase: true);
                var ahead = ((int)target - (int)today.DayOfWeek + 7) % 7;
                date = m.Groups["next"].Value.ToLowerInvariant() switch
                {
                    "last" => today.AddDays(ahead == 0 ? -7 : ahead - 7),
                    "next" => today.AddDays(ahead == 0 ? 7 : ahead),
                    _ => today.AddDays(ahead),
                };
            }
            else if (TryDate(today.Year, today.Month, Int(m, "d")) is { } dayOfMonth)
            {
                date = dayOfMonth < today ? dayOfMonth.AddMonths(1) : dayOfMonth;
            }

            if (date is { } resolved)
            {
                yield return (m, resolved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static DateOnly? TryDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
}
