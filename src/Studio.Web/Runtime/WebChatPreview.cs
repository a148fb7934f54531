using System.Net;
using Studio.Data.Publishing;

namespace Studio.Web.Runtime;

/// <summary>
/// "Try on a page": a plain page that embeds the web chat with a publishable key's tag, as a customer's site would.
/// It is the one studio page that may be framed, and only by the studio itself (the Web chat tab shows it).
/// </summary>
public static class WebChatPreview
{
    public const string Path = "/webchat/preview";

    public static IEndpointRouteBuilder MapWebChatPreview(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{keyId:long}", PageAsync).WithName("WebChatPreview").ExcludeFromDescription()
            .RequireAuthorization(Accounts.StudioRoles.CanPublish);
        return app;
    }

    private static async Task<IResult> PageAsync(long keyId, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var key = (await keys.ListAsync(cancellationToken)).FirstOrDefault(k => k.Id == keyId && k.IsPublishable && k.RevokedUtc is null);
        if (key?.PublicKey is null)
        {
            return TypedResults.NotFound("No active web chat key has that id.");
        }

        string A(string? value) => WebUtility.HtmlEncode(value ?? "");
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Web chat preview: {A(key.Bots)}</title>
            <link rel="stylesheet" href="/css/webchat-preview.css"></head>
            <body>
            <main>
            <h1>A page of your site</h1>
            <p>This page embeds the chat of <b>{A(key.Bots)}</b> ({A(key.Alias)}) with key <b>{A(key.Name)}</b>, as your site will. The chat keeps its conversation when the page is reloaded.</p>
            </main>
            <script src="/widget.js" data-bot="{A(key.Bots)}" data-alias="{A(key.Alias)}" data-key="{A(key.PublicKey)}" data-open="true" async></script>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
