using System.Text.RegularExpressions;

namespace Studio.Tests.Support;

/// <summary>Signs an HTTP client in through the studio's own sign-in form, antiforgery token and all, as a browser does.</summary>
public static partial class SignIn
{
    public const string AdminEmail = "admin@studio.test";

    public const string AdminPassword = "Studio-Test-Passw0rd";

    public static async Task<HttpResponseMessage> AsAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var token = TokenFrom(await client.GetStringAsync("/account/login"));
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token of the sign-in form in <paramref name="page"/>.</summary>
    public static string TokenFrom(string page) => TokenField().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
