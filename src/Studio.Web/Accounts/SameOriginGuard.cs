using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Studio.Web.Accounts;

/// <summary>
/// Refuses a change (any method but GET, HEAD, OPTIONS and TRACE) that carries the studio's session cookie unless it
/// comes from the studio's own pages: its <c>Origin</c> (or, without one, its <c>Referer</c>) must be exactly the
/// studio's scheme, host and port, or it must carry a valid antiforgery token. The cookie's SameSite=Lax and the
/// browser's <c>Sec-Fetch-Site</c> do not tell the studio from a page on another port of the same host, which
/// browsers count as the same site. Requests without the cookie (runtime API keys) are not concerned: a page cannot
/// make a browser add an Authorization header to another origin's request.
/// </summary>
internal sealed class SameOriginGuard(RequestDelegate next, IAntiforgery antiforgery, IOptionsMonitor<CookieAuthenticationOptions> cookies, IOptions<OriginOptions> options)
{
    // An origin is short; a longer header is not one and is not echoed back whole.
    private const int MaxShownLength = 200;

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (IsSafe(request.Method) || !CarriesSessionCookie(request))
        {
            await next(http);
            return;
        }

        var claimed = ClaimedOrigin(request);
        if ((claimed is not null && IsStudioOrigin(claimed, request)) || await HasValidTokenAsync(http))
        {
            await next(http);
            return;
        }

        await TypedResults.Problem(Refusal(claimed, request), statusCode: StatusCodes.Status403Forbidden, title: "The change does not come from the studio")
            .ExecuteAsync(http);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    // The cookie, valid or not, decides: a browser sends it with a forged request whether or not it still signs anyone in.
    private bool CarriesSessionCookie(HttpRequest request) =>
        cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name is { } name && request.Cookies.ContainsKey(name);

    private static string? ClaimedOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin
        : request.Headers.Referer.ToString() is { Length: > 0 } referer ? referer
        : null;

    // A Referer is a whole address: its scheme, host and port are the origin compared.
    private bool IsStudioOrigin(string claimed, HttpRequest request) =>
        Uri.TryCreate(claimed, UriKind.Absolute, out var origin)
        && origin.Scheme is "http" or "https"
        && Studio.Data.Publishing.WebOrigin.Normalize(origin.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)) is { } compared
        && options.Value.OwnOrigins(request).Contains(compared, StringComparer.Ordinal);

    private async Task<bool> HasValidTokenAsync(HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (InvalidDataException)
        {
            // A form that cannot be read carries no token a page of the studio gave out.
            return false;
        }
    }

    private string Refusal(string? claimed, HttpRequest request)
    {
        var own = options.Value.PublicOrigin is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host.Value}";
        var source = claimed is null
            ? "has neither an Origin nor a Referer header"
            : $"comes from '{(claimed.Length > MaxShownLength ? claimed[..MaxShownLength] + "…" : claimed)}'";
        return $"This change carries a studio session cookie but {source}, and no valid antiforgery token. Changes made with a session are accepted "
            + $"only from the studio's own pages: send the header 'Origin: {own}' (browsers do so on the studio's pages) or the antiforgery token of a studio form.";
    }
}
