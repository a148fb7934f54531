using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>
/// Changes made with a session cookie are accepted from the studio's own origin or with an antiforgery token, and
/// from nowhere else: not from another port of the same host, another scheme, an opaque ("null") origin, or a
/// request that names no origin at all.
/// </summary>
public sealed class RequestForgeryTests(StudioAppFixture fixture) : IClassFixture<StudioAppFixture>
{
    private const string BotId = StudioAppFixture.BotId;

    private static readonly JsonSerializerOptions Json = BotJson.Options;

    public static TheoryData<string, string?, string?> ForeignRequests()
    {
        var data = new TheoryData<string, string?, string?>();
        string?[][] sources =
        [
            ["http://localhost:5001", null], // the same host on another port: the same site, another origin
            ["http://127.0.0.1", null],
            ["https://localhost", null],
            ["http://localhost.evil.example", null],
            ["null", null],
            [null, "http://localhost:5001/attack.html"],
            [null, null],
        ];
        foreach (var change in Changes.Keys)
        {
            foreach (var source in sources)
            {
                data.Add(change, source[0], source[1]);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<HttpClient, Task<HttpResponseMessage>>> Changes = new()
    {
        ["create"] = client => client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("forged-bot", TemplateId: "banking"), Json),
        ["save"] = async client =>
        {
            var draft = (await client.GetFromJsonAsync<BotDraftResponse>($"/api/studio/bots/{BotId}", Json))!;
            draft.Bot.Name = "Forged";
            return await client.PutAsJsonAsync($"/api/studio/bots/{BotId}", new SaveBotRequest(draft.Revision, draft.Bot), Json);
        },
        ["delete"] = async client =>
        {
            var draft = (await client.GetFromJsonAsync<BotDraftResponse>($"/api/studio/bots/{BotId}", Json))!;
            return await client.DeleteAsync($"/api/studio/bots/{BotId}?revision={draft.Revision}");
        },
        ["import-replace"] = async client =>
        {
            var yaml = (await client.GetStringAsync($"/api/studio/bots/{BotId}/export")).Replace("name: ", "name: Forged ", StringComparison.Ordinal);
            return await client.PostAsync("/api/studio/bots/import?replace=true", YamlFile(yaml));
        },
        ["publish"] = client => client.PostAsJsonAsync($"/api/studio/bots/{BotId}/publish", new { alias = "production" }),
        ["create-key"] = client => client.PostAsJsonAsync("/api/studio/keys", new { name = "forged" }),
        ["sign-out"] = client => client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>())),
    };

    [Theory]
    [MemberData(nameof(ForeignRequests))]
    public async Task AChangeWithTheSessionCookie_FromAnotherOrigin_IsRefused_AndChangesNothing(string change, string? origin, string? referer)
    {
        var admin = fixture.App.CreateClient();
        var before = await StateAsync(admin);
        var forged = fixture.App.CreateClient();
        SendFrom(forged, origin, referer);

        var response = await Changes[change](forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("Origin: http://localhost", detail);
        Assert.Equal(before, await StateAsync(admin));
        SendFrom(forged, "http://localhost", null);
        Assert.Equal(HttpStatusCode.OK, (await forged.GetAsync("/api/studio/bots")).StatusCode); // still signed in, even after a forged sign-out
    }

    [Fact]
    public async Task EveryChange_FromTheStudiosOwnOrigin_Works()
    {
        var client = fixture.App.CreateClient();
        var created = await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("own-origin-bank", TemplateId: "banking"), Json);
        var draft = (await created.Content.ReadFromJsonAsync<BotDraftResponse>(Json))!;
        draft.Bot.Name = "Own Origin Bank";
        var saved = await client.PutAsJsonAsync("/api/studio/bots/own-origin-bank", new SaveBotRequest(draft.Revision, draft.Bot), Json);
        var yaml = (await client.GetStringAsync("/api/studio/bots/own-origin-bank/export")).Replace("name: Own Origin Bank", "name: Imported Bank", StringComparison.Ordinal);
        var imported = await client.PostAsync("/api/studio/bots/import?replace=true", YamlFile(yaml));
        var revision = (await client.GetFromJsonAsync<BotDraftResponse>("/api/studio/bots/own-origin-bank", Json))!.Revision;
        var key = await client.PostAsJsonAsync("/api/studio/keys", new { name = "own origin" });
        var deleted = await client.DeleteAsync($"/api/studio/bots/own-origin-bank?revision={revision}");
        var signedOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal("Imported Bank", (await imported.Content.ReadFromJsonAsync<BotDraftResponse>(Json))!.Bot.Name);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        Assert.True(deleted.IsSuccessStatusCode, $"delete gave {deleted.StatusCode}");
        Assert.Contains("/account/login", signedOut.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/studio/bots")).StatusCode);
    }

    [Fact]
    public async Task WithoutAnOrigin_TheStudiosReferer_OrAnAntiforgeryToken_IsEnough()
    {
        var client = fixture.App.CreateClient();
        var token = SignIn.TokenFrom(await client.GetStringAsync("/account/login")); // a studio page's token, for this session
        SendFrom(client, null, "http://localhost/bots");
        var byReferer = await client.PostAsJsonAsync("/api/studio/keys", new { name = "by referer" });
        SendFrom(client, "http://localhost:5001", null);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", token);
        var byToken = await client.PostAsJsonAsync("/api/studio/keys", new { name = "by token" });
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", token + "x");
        var badToken = await client.PostAsJsonAsync("/api/studio/keys", new { name = "bad token" });

        Assert.Equal(HttpStatusCode.Created, byReferer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, badToken.StatusCode);
    }

    [Fact]
    public async Task ARuntimeKey_WithoutACookie_NeedsNoOrigin()
    {
        var studio = fixture.App.CreateClient();
        (await studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var created = await studio.PostAsJsonAsync("/api/studio/keys", new { name = "runtime", bots = new[] { BotId } });
        var runtime = fixture.App.CreateAnonymousClient();
        runtime.DefaultRequestHeaders.Remove("Origin");
        runtime.DefaultRequestHeaders.Add("X-Api-Key", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        var parsed = await runtime.PostAsJsonAsync($"/api/bots/{BotId}/production/parse", new { text = "I lost my card" });

        Assert.Equal(HttpStatusCode.OK, parsed.StatusCode);
    }

    [Fact]
    public async Task BlazorsNegotiation_FromTheStudiosOrigin_StillWorks()
    {
        var client = fixture.App.CreateClient();

        var negotiated = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        Assert.Contains("connectionToken", await negotiated.Content.ReadAsStringAsync());
    }

    private static void SendFrom(HttpClient client, string? origin, string? referer)
    {
        client.DefaultRequestHeaders.Remove("Origin");
        client.DefaultRequestHeaders.Referrer = referer is null ? null : new Uri(referer);
        if (origin is not null)
        {
            client.DefaultRequestHeaders.Add("Origin", origin);
        }
    }

    /// <summary>What a forged change could alter: the bots, the fixture bot's revision and name, its versions and the keys.</summary>
    private static async Task<string> StateAsync(HttpClient admin)
    {
        var draft = (await admin.GetFromJsonAsync<BotDraftResponse>($"/api/studio/bots/{BotId}", Json))!;
        var bots = await admin.GetStringAsync("/api/studio/bots");
        var versions = await admin.GetStringAsync($"/api/studio/bots/{BotId}/versions");
        var keys = await admin.GetStringAsync("/api/studio/keys");
        return $"{draft.Revision} {draft.Bot.Name}\n{bots}\n{versions}\n{keys}";
    }

    private static MultipartFormDataContent YamlFile(string yaml)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(yaml));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        content.Add(file, "file", "bot.yaml");
        return content;
    }
}
