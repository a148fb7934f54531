using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Studio.Web.Accounts;

/// <summary>
/// Sign-in and sign-out. The sign-in page is a plain HTML form (with an antiforgery token) rather than a Blazor
/// page, because signing in sets a cookie, which only an ordinary HTTP response can do.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";

    public const string DeniedPath = "/account/denied";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet("/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error) =>
            Results.Content(LoginPage(antiforgery.GetAndStoreTokens(http), LocalReturnUrl.Of(returnUrl), error is not null), "text/html; charset=utf-8"));
        account.MapPost("/login", SignInAsync);
        account.MapGet("/denied", () => Results.Content(Page("Not for your role",
            "<main><h1>Not for your role</h1><p>This page is for another role. Ask an admin for access.</p><p><a href=\"/\">Back to your bots</a></p></main>"), "text/html; charset=utf-8"));
        account.MapPost("/logout", SignOutAsync);
        return app;
    }

    // Moving the security stamp ends the session for good: the cookie alone would stay valid if replayed, since it
    // is checked against the stamp, not against a list of signed-out sessions. It ends the user's other sessions too.
    private static async Task<IResult> SignOutAsync(HttpContext http, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users)
    {
        if (await users.GetUserAsync(http.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect(LoginPath);
    }

    private static async Task<IResult> SignInAsync([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<IdentityUser> signIn)
    {
        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: true, lockoutOnFailure: true);
        var target = LocalReturnUrl.Of(returnUrl);
        return result.Succeeded
            ? Results.LocalRedirect(target)
            : Results.LocalRedirect($"{LoginPath}?error=1&returnUrl={Uri.EscapeDataString(target)}");
    }

    private static string LoginPage(AntiforgeryTokenSet tokens, string returnUrl, bool failed) => Page("Sign in", $$"""
          <form method="post" action="{{LoginPath}}">
            <h1>Studio</h1>
            {{(failed ? "<p class=\"error\" role=\"alert\">That email and password do not match an account (or it is locked for a few minutes after repeated failures).</p>" : "")}}
            <label>Email <input name="email" type="email" autocomplete="username" required autofocus /></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}" />
            <input type="hidden" name="{{tokens.FormFieldName}}" value="{{tokens.RequestToken}}" />
            <button type="submit">Sign in</button>
          </form>
        """);

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
          <title>{{title}} · Studio</title>
          <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
          <style>
            body { font-family: Roboto, system-ui, sans-serif; background: #f5f5f5; display: grid; place-items: center; min-height: 100vh; margin: 0; }
            main, form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.2); width: 20rem; display: grid; gap: .8rem; }
            h1 { margin: 0 0 .5rem; font-weight: 500; color: #303f9f; }
            input { padding: .6rem; font-size: 1rem; border: 1px solid #bbb; border-radius: 4px; }
            button { padding: .7rem; font-size: 1rem; background: #303f9f; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
            .error { color: #c62828; }
          </style>
        </head>
        <body>
          {{body}}
        </body>
        </html>
        """;
}
