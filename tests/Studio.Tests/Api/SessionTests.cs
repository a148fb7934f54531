using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Studio.Tests.Support;
using Studio.Web.Accounts;

namespace Studio.Tests.Api;

/// <summary>Sessions end at sign-out, and the sign-in form sends users only to this site's pages.</summary>
public sealed class SessionTests(StudioAppFixture fixture) : IClassFixture<StudioAppFixture>
{
    [Fact]
    public async Task ASessionCookie_ReplayedAfterSignOut_IsRefused()
    {
        var cookies = new CookieContainer();
        var browser = fixture.App.CreateDefaultClient(new CookieContainerHandler(cookies));
        await SignIn.AsAsync(browser, SignIn.AdminEmail, SignIn.AdminPassword);
        var session = cookies.GetCookies(browser.BaseAddress!)["studio.auth"]!.Value;
        var replay = fixture.App.CreateDefaultClient();
        replay.DefaultRequestHeaders.Add("Cookie", $"studio.auth={session}");
        var beforeSignOut = await replay.GetAsync("/api/studio/bots");

        var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var api = await replay.GetAsync("/api/studio/bots");
        var page = await replay.GetAsync("/bots");

        Assert.Equal(HttpStatusCode.OK, beforeSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> ReturnUrls() => new()
    {
        { "/bots/été", "/bots/%C3%A9t%C3%A9" },
        { "/bots/x?q=日本#part", "/bots/x?q=%E6%97%A5%E6%9C%AC#part" },
        { "/%E9", "/%E9" },
        { "/100%", "/100%25" },
        { "/bots/a b\"<c>", "/bots/a%20b%22%3Cc%3E" },
        { "/a\\b", "/a%5Cb" },
        { "//evil.example", "/" },
        { "/\\evil.example", "/" },
        { "https://evil.example", "/" },
        { "bots", "/" },
        { "/a\r\nSet-Cookie: stolen=1", "/" },
        { "/" + new string('a', 5000), "/" },
        { "/bots/\uFFFD", "/bots/%EF%BF%BD" },
    };

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task AfterACorrectPassword_TheReturnUrl_IsASafeAsciiRedirect(string returnUrl, string expected)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SignIn.AsAsync(client, SignIn.AdminEmail, SignIn.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = RawLocation(response);
        Assert.True(location.All(char.IsAscii), $"not ASCII: {location}");
        Assert.Equal(expected, location);
    }

    [Fact]
    public async Task AReturnUrl_ThatIsNotUtf8_OrFollowsAWrongPassword_IsASafeRedirect_AndTheFormShowsIt()
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = SignIn.TokenFrom(await client.GetStringAsync("/account/login?returnUrl=%ED%A0%80"));
        var email = Uri.EscapeDataString(SignIn.AdminEmail);

        // A UTF-8-encoded lone surrogate and a stray continuation byte, as a crafted link can carry them.
        var wrong = await client.PostAsync("/account/login", new StringContent(
            $"email={email}&password=wrong&returnUrl=%2Fbots%2F%ED%A0%80%80&__RequestVerificationToken={Uri.EscapeDataString(token)}",
            System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        var form = await client.GetAsync(wrong.Headers.Location);
        var right = await client.PostAsync("/account/login", new StringContent(
            $"email={email}&password={Uri.EscapeDataString(SignIn.AdminPassword)}&returnUrl=%2Fbots%2F%ED%A0%80%80&__RequestVerificationToken={Uri.EscapeDataString(token)}",
            System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.True(RawLocation(wrong).All(char.IsAscii));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var location = RawLocation(right);
        Assert.True(location.All(char.IsAscii), $"not ASCII: {location}");
        Assert.StartsWith("/bots/", location);
    }

    [Fact]
    public void AReturnUrl_WithALoneSurrogate_BecomesTheRoot()
    {
        // Built here, not in attributes: attribute strings are stored as UTF-8, which has no lone surrogates.
        var high = (char)0xD800;
        var low = (char)0xDC00;

        Assert.All(new[] { $"/bots/{high}", $"/bots/{low}x", $"/bots/{high}{high}", $"/{low}{high}" }, url => Assert.Equal("/", LocalReturnUrl.Of(url)));
    }

    [Fact]
    public void AReturnUrl_WithAPairedSurrogate_IsEncodedAsUtf8() => Assert.Equal("/bots/%F0%9F%98%80", LocalReturnUrl.Of("/bots/\U0001F600"));

    // As the server wrote it: the validated header would escape what Kestrel refuses to send.
    private static string RawLocation(HttpResponseMessage response) => response.Headers.NonValidated["Location"].ToString();
}
