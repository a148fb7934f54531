using System.Text;
using System.Text.RegularExpressions;

namespace Studio.Core.Conversations;

/// <summary>
/// A slot value as literal text inside a Markdown reply. End users fill slots, so a value must not make a link, an image,
/// an autolink or a block of its own in what the bot says: brackets, angle brackets and backslashes are escaped, the
/// colon of a scheme (<c>https:</c>, <c>mailto:</c>) and the dot of <c>www.</c> too, and line breaks become spaces.
/// Everything a Markdown renderer shows stays as typed; a time such as 14:30 is not touched.
/// </summary>
public static partial class MarkdownLiteral
{
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var special = c is '\\' or '[' or ']' or '<' or '>' or '`'
                || (c == ':' && i > 0 && char.IsAsciiLetter(value[i - 1]))
                || (c == '.' && i >= 3 && value.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase));
            if (c is '\r' or '\n')
            {
                escaped.Append(' ');
                continue;
            }

            if (special)
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Markdown with its backslash escapes removed, for comparing a reply with the text a test expects in it.</summary>
    public static string Unescape(string markdown) => Escaped().Replace(markdown, "$1");

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])", RegexOptions.CultureInvariant)]
    private static partial Regex Escaped();
}
