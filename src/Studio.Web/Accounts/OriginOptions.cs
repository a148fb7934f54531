namespace Studio.Web.Accounts;

/// <summary>The <c>Studio:PublicOrigin</c> setting: the address browsers use for the studio when a proxy stands in front of it.</summary>
public sealed class OriginOptions
{
    public const string SectionName = "Studio";

    /// <summary>
    /// Scheme, host and port such as <c>https://studio.example.com</c>. Empty: the address of each request is the
    /// studio's own, which is right when browsers reach the studio directly.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>
    /// The studio's own origins, written as <see cref="Studio.Data.Publishing.WebOrigin"/> writes them: its public
    /// address when one is configured (behind a proxy), then the address the request came in on.
    /// </summary>
    public IEnumerable<string> OwnOrigins(HttpRequest request)
    {
        if (Studio.Data.Publishing.WebOrigin.Normalize(PublicOrigin) is { } published)
        {
            yield return published;
        }

        if (request.Host.HasValue && Studio.Data.Publishing.WebOrigin.Normalize($"{request.Scheme}://{request.Host.Value}") is { } own)
        {
            yield return own;
        }
    }

    /// <summary>True when <see cref="PublicOrigin"/> is empty or an http(s) origin without a path.</summary>
    public bool IsValid() => string.IsNullOrEmpty(PublicOrigin)
        || (Uri.TryCreate(PublicOrigin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.UserInfo.Length == 0);
}
