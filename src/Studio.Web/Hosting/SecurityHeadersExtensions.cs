using NetEscapades.AspNetCore.SecurityHeaders;

namespace Studio.Web.Hosting;

public static class SecurityHeadersExtensions
{
    /// <summary>
    /// A Content-Security-Policy that lets only the studio's own script files run (no inline script, no event-handler
    /// attributes, no eval), so markup that slipped past the Markdown sanitizer still cannot execute; plus nosniff, no
    /// referrer beyond the origin and no framing. The API reference's module script is let in by a per-request nonce.
    /// </summary>
    /// The web chat preview alone may be framed, by the studio's own pages.
    public static IApplicationBuilder UseStudioSecurityHeaders(this IApplicationBuilder app)
    {
        var (framed, unframed) = (Policies(framedByStudio: true), Policies(framedByStudio: false));
        return app.UseWhen(http => IsPreview(http), preview => preview.UseSecurityHeaders(framed))
            .UseWhen(http => !IsPreview(http), other => other.UseSecurityHeaders(unframed));
    }

    private static bool IsPreview(HttpContext http) => http.Request.Path.StartsWithSegments(Studio.Web.Runtime.WebChatPreview.Path);

    /// <summary>The nonce the API reference's inline module script carries, the same one the header names.</summary>
    public static string Nonce(HttpContext http) => http.GetNonce();

    private static HeaderPolicyCollection Policies(bool framedByStudio)
    {
        var policies = new HeaderPolicyCollection()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin();
        return (framedByStudio ? policies.AddFrameOptionsSameOrigin() : policies.AddFrameOptionsDeny())
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self().WithNonce();
            // Handlers in attributes (onerror=, onclick=) never run, whatever the page contains.
            csp.AddScriptSrcAttr().None();
            csp.AddConnectSrc().Self(); // the Blazor circuit's WebSocket is same-origin
            // MudBlazor and the diagram canvas set inline style attributes; styles cannot run script.
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data().Blob().OverHttps();
            csp.AddFontSrc().Self().Data();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            if (framedByStudio)
            {
                csp.AddFrameAncestors().Self();
            }
            else
            {
                csp.AddFrameAncestors().None();
            }
        });
    }
}
