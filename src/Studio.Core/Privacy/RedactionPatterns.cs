using System.Text.RegularExpressions;

namespace Studio.Core.Privacy;

/// <summary>
/// Compiles a bot's custom redaction patterns so that none can hang the runtime: the non-backtracking engine runs them
/// in time linear in the text, and what it cannot run (backreferences, lookarounds) is refused when the bot is saved,
/// as is nested repetition, which would backtrack without bound on any other engine the pattern is copied to.
/// </summary>
public static class RedactionPatterns
{
    public const int MaxPatternLength = 500;

    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The pattern, ready to run.</summary>
    /// <exception cref="ArgumentException">Why the pattern cannot be used, in words for the designer.</exception>
    public static Regex Compile(string pattern)
    {
        if (Problem(pattern) is { } problem)
        {
            throw new ArgumentException(problem, nameof(pattern));
        }

        return Build(pattern);
    }

    /// <summary>Why the pattern cannot be used, or null when it can.</summary>
    public static string? Problem(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "The pattern is empty.";
        }

        if (pattern.Length > MaxPatternLength)
        {
            return $"The pattern is {pattern.Length:N0} characters; the limit is {MaxPatternLength}.";
        }

        if (NestedRepetition(pattern))
        {
            return "The pattern repeats something that itself repeats, such as (a+)+, which can backtrack without bound. Write the repetition once.";
        }

        Regex regex;
        try
        {
            regex = Build(pattern);
        }
        catch (NotSupportedException ex)
        {
            return $"The pattern uses a construct that can backtrack without bound (a backreference, lookaround or atomic group), which redaction does not run: {ex.Message}";
        }
        catch (ArgumentException ex)
        {
            return $"The regular expression does not compile: {ex.Message}";
        }

        return regex.IsMatch("") ? "The pattern matches an empty text, so it would redact nothing useful everywhere. Make it match at least one character." : null;
    }

    private static Regex Build(string pattern) => new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>
    /// True when a group that contains an unbounded or multiple repetition is itself repeated. A scan, not a parser:
    /// it skips escapes and character classes, which is all it needs to find group boundaries and quantifiers.
    /// </summary>
    internal static bool NestedRepetition(string pattern)
    {
        var groups = new Stack<bool>(); // per open group: whether it contains a repetition
        var lastClosedRepeats = false;
        var afterGroup = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var repeats = c is '*' or '+' || (c == '{' && RepeatsMoreThanOnce(pattern, i));
            if (repeats)
            {
                if (afterGroup && lastClosedRepeats)
                {
                    return true;
                }

                if (groups.Count > 0)
                {
                    groups.Pop();
                    groups.Push(true);
                }

                afterGroup = false;
                continue;
            }

            afterGroup = false;
            switch (c)
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = EndOfClass(pattern, i);
                    break;
                case '(':
                    groups.Push(false);
                    break;
                case ')' when groups.Count > 0:
                    lastClosedRepeats = groups.Pop();
                    afterGroup = true;
                    if (lastClosedRepeats && groups.Count > 0)
                    {
                        groups.Pop();
                        groups.Push(true);
                    }

                    break;
            }
        }

        return false;
    }

    private static bool RepeatsMoreThanOnce(string pattern, int open)
    {
        var close = pattern.IndexOf('}', open);
        if (close < 0)
        {
            return false;
        }

        var body = pattern.AsSpan(open + 1, close - open - 1);
        var comma = body.IndexOf(',');
        if (comma < 0)
        {
            return int.TryParse(body, out var exact) && exact > 1;
        }

        var upper = body[(comma + 1)..];
        return upper.IsEmpty || (int.TryParse(upper, out var max) && max > 1);
    }

    private static int EndOfClass(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++; // a ] first in a class is a literal
        }

        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == ']')
            {
                return i;
            }
        }

        return pattern.Length - 1;
    }
}
