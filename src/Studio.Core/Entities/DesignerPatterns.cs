using System.Text.RegularExpressions;

namespace Studio.Core.Entities;

/// <summary>
/// Compiles the regular expressions designers write for regex entities. A designer's pattern is user
/// input: it runs on the linear-time engine whenever it can, and on the backtracking engine (needed
/// for backreferences and lookarounds) only with a short match timeout.
/// </summary>
public static class DesignerPatterns
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The compiled pattern, or null when it is not a valid .NET regular expression.</summary>
    public static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds, atomic groups and the like: only the backtracking engine has them.
        }
        catch (ArgumentException)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
