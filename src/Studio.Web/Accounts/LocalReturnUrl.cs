using System.Text;

namespace Studio.Web.Accounts;

/// <summary>
/// Where the sign-in form may send the user afterwards: a path on this site, as ASCII that can stand in a
/// <c>Location</c> header. Anything else becomes <c>/</c>, so a crafted link can neither send a user elsewhere
/// nor make the redirect fail.
/// </summary>
public static class LocalReturnUrl
{
    public const string Root = "/";

    /// <summary>Longer is no link the studio makes; refusing it keeps the header small.</summary>
    public const int MaxLength = 2048;

    // ASCII that a URL may carry as is; everything else is percent-encoded as UTF-8. The backslash is encoded
    // because browsers read it as a slash.
    private const string Unreserved = "-._~!$&'()*+,;=:@/?#[]";

    public static string Of(string? url)
    {
        if (url is not { Length: > 0 and <= MaxLength } || url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\') || !IsWellFormed(url))
        {
            return Root;
        }

        var encoded = new StringBuilder(url.Length);
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsAsciiLetterOrDigit(c) || Unreserved.Contains(c, StringComparison.Ordinal) || (c == '%' && IsEscape(url, i)))
            {
                encoded.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(url.Substring(i, length)))
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return encoded.Length <= MaxLength ? encoded.ToString() : Root;
    }

    // No control characters (a CR or LF would split the header) and no lone surrogates (no UTF-8 for them).
    private static bool IsWellFormed(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            if (char.IsControl(url[i]) || char.IsLowSurrogate(url[i]))
            {
                return false;
            }

            if (char.IsHighSurrogate(url[i]))
            {
                if (i + 1 >= url.Length || !char.IsLowSurrogate(url[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    private static bool IsEscape(string url, int i) => i + 2 < url.Length && char.IsAsciiHexDigit(url[i + 1]) && char.IsAsciiHexDigit(url[i + 2]);
}
