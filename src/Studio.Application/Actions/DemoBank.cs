using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Studio.Application.Actions;

/// <summary>
/// A pretend bank API that Studio answers itself, for the banking template's actions: no network, no real accounts.
/// It lives at <see cref="BaseUrl"/>, a host under the reserved <c>.invalid</c> domain, so it can never be mistaken for a
/// real service or reach one; a designer points the template's actions at their own API by changing the URL.
/// <list type="bullet">
/// <item><c>GET /accounts/{number}/balance</c>: a made-up balance that is the same every time for the same account.</item>
/// <item><c>POST /cards/block</c> with <c>{"lastFour": "1234"}</c>: says the card is blocked, with a reference.</item>
/// </list>
/// Anything else answers 404; an account number that is not 8 digits answers 422.
/// </summary>
public sealed class DemoBank : DelegatingHandler
{
    public const string Host = "demo-bank.studio.invalid";

    public const string BaseUrl = "https://" + Host;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.RequestUri?.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var segments = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        if (request.Method == HttpMethod.Get && segments is ["accounts", var account, "balance"])
        {
            return Uri.UnescapeDataString(account) is { Length: 8 } number && number.All(char.IsAsciiDigit)
                ? Json(HttpStatusCode.OK, new { account = number, available = new { amount = Balance(number), currency = "EUR" }, demo = true })
                : Json(HttpStatusCode.UnprocessableEntity, new { error = "An account number is 8 digits." });
        }

        if (request.Method == HttpMethod.Post && segments is ["cards", "block"] && request.Content is not null)
        {
            var lastFour = LastFour(await request.Content.ReadAsStringAsync(cancellationToken));
            return lastFour is { Length: 4 } && lastFour.All(char.IsAsciiDigit)
                ? Json(HttpStatusCode.OK, new { blocked = true, lastFour, reference = "BLK-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(lastFour)))[..8], demo = true })
                : Json(HttpStatusCode.UnprocessableEntity, new { error = "lastFour must be the card's last four digits." });
        }

        return Json(HttpStatusCode.NotFound, new { error = "The demo bank has only GET /accounts/{number}/balance and POST /cards/block." });
    }

    private static string? LastFour(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body.Length is > 0 and < 10_000 ? body : "{}");
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("lastFour", out var digits) && digits.ValueKind == JsonValueKind.String
                ? digits.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The same made-up figure every time for the same account: between 100.00 and 9,999.99.
    private static string Balance(string account) =>
        (100 + (BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(account))) % 990_000) / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json") };
}
