namespace Studio.Data.Publishing;

/// <summary>
/// A web origin (scheme, host and port) written one way, so that the origin a key allows and the <c>Origin</c> header a
/// browser sends compare as plain strings: lower case, no default port, no path, no trailing slash.
/// </summary>
public static class WebOrigin
{
    public const int MaxLength = 200;

    /// <summary>The origin as compared, or null when <paramref name="text"/> is not an http(s) origin.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || uri.Host.Length == 0
            || uri.PathAndQuery is not ("/" or "") || uri.Fragment.Length > 0)
        {
            return null;
        }

        // Browsers send an international name in its ASCII (punycode) form.
        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }
}
