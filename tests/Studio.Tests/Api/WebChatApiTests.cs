using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Studio.Tests.Support;

namespace Studio.Tests.Api;

/// <summary>
/// What a web page may do with a publishable key, and Rasa's REST channel, on the served banking bot: messages from the
/// origins the key lists and nothing else, a budget per conversation, the browser's CORS questions answered, replies
/// streamed as events, and the widget script small and free of HTML injection.
/// </summary>
public sealed class WebChatApiTests(ServedBankFixture bank) : IClassFixture<ServedBankFixture>
{
    private const string Shop = "https://shop.example";

    [Fact]
    public async Task APublishableKey_SendsMessages_FromAnAllowedPage_AndTheBrowserIsAnsweredWithCors()
    {
        var key = await PublishableKeyAsync("page");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/bots/{ServedBankFixture.BotId}/production/conversations/page-1/messages");
        preflight.Headers.Add("Origin", Shop);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        using var asked = await bank.App.CreateAnonymousClient().SendAsync(preflight);

        using var sent = await SendAsync(key, Shop, "page-1", "I lost my card");
        using var settings = await SendAsync(key, Shop, null, null);

        Assert.True(asked.IsSuccessStatusCode, $"preflight answered {asked.StatusCode}");
        Assert.Equal(Shop, asked.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-api-key", asked.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(asked.Headers.Contains("Access-Control-Allow-Credentials"), "no page may act with the studio's cookies");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(Shop, sent.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var reply = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("last four digits", reply.GetProperty("markdown")[0].GetString(), StringComparison.Ordinal);
        // The key is public: the page gets what to show, not the bot's workings.
        foreach (var inside in new[] { "slots", "actions", "understanding", "nodes", "flow", "handoffSummary", "responses" })
        {
            Assert.False(reply.TryGetProperty(inside, out _), $"a page was sent '{inside}'");
        }

        var chat = await settings.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.True(chat.GetProperty("maxMessageLength").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(chat.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("https://evil.example", "production", "/conversations/x-1/messages", "not allowed on a page on https://evil.example")]
    [InlineData("null", "production", "/conversations/x-2/messages", "not allowed on a page on null")] // a sandboxed frame, a file on disk
    [InlineData(Shop, "production", "/parse", "only sends messages")]
    [InlineData(Shop, "staging", "/conversations/x-3/messages", "talks to alias 'production' only")]
    [InlineData(Shop, "v1", "/conversations/x-4/messages", "talks to alias 'production' only")]
    public async Task APublishableKey_IsRefused_OffItsSites_OffItsAlias_AndForAnythingButMessages(string? origin, string alias, string path, string why)
    {
        var key = await PublishableKeyAsync("refusals");
        using var client = bank.App.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/bots/{ServedBankFixture.BotId}/{alias}{path}") { Content = JsonContent.Create(new { text = "hello" }) };
        request.Headers.Add("X-Api-Key", key);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var refused = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(body.Contains(why, StringComparison.Ordinal), body);
    }

    [Fact]
    public async Task APublishableKey_CannotCallTheOpenAiApi_OrReadTranscripts()
    {
        var key = await PublishableKeyAsync("not-v1");
        using var client = bank.App.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        client.DefaultRequestHeaders.Add("Origin", Shop);

        using var completion = await client.PostAsJsonAsync("/v1/chat/completions", new { model = $"{ServedBankFixture.BotId}@production", messages = new[] { new { role = "user", content = "hi" } } });
        using var models = await client.GetAsync("/v1/models");
        using var transcripts = await client.GetAsync($"/api/studio/bots/{ServedBankFixture.BotId}/transcripts");

        Assert.Equal(HttpStatusCode.Forbidden, completion.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, models.StatusCode);
        Assert.False(transcripts.IsSuccessStatusCode && (await transcripts.Content.ReadAsStringAsync()).StartsWith('['), "a key must not read transcripts");
    }

    [Fact]
    public async Task OneConversation_KeepsWithinItsOwnBudget_WhileAnotherGoesOn()
    {
        var key = await PublishableKeyAsync("budget", conversationRequestsPerMinute: 1);

        using var first = await SendAsync(key, Shop, "budget-1", "hello");
        using var second = await SendAsync(key, Shop, "budget-1", "hello again");
        using var other = await SendAsync(key, Shop, "budget-2", "hello");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("One conversation may send 1 messages a minute", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(second.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task ASecretKey_IsRefusedOnAnotherSitesPage_AndABadConversationId_BeforeAnyBudget()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/bots/{ServedBankFixture.BotId}/production/conversations/s-1/messages")
        {
            Content = JsonContent.Create(new { text = "hello" }),
        };
        request.Headers.Add("Origin", Shop);
        using var secretOnAPage = await bank.Runtime.SendAsync(request);
        using var email = await SendAsync(await PublishableKeyAsync("ids"), Shop, "zoe@example.org", "hello");

        Assert.Equal(HttpStatusCode.Forbidden, secretOnAPage.StatusCode);
        Assert.Contains("publishable key", await secretOnAPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, email.StatusCode);
        Assert.Contains("personal data", await email.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is not an origin")]
    [InlineData("shop.example", "is not an origin")]
    [InlineData("https://shop.example/path", "is not an origin")]
    [InlineData("javascript:alert(1)", "is not an origin")]
    public async Task APublishableKeyWithABadOrigin_IsRefused_NamingIt(string? origin, string why)
    {
        using var created = await bank.Studio.PostAsJsonAsync("/api/studio/keys",
            new { name = "bad", kind = "publishable", bots = new[] { ServedBankFixture.BotId }, alias = "production", origins = new[] { origin } });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains(why, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublishableKeysBudgets_AreBounded()
    {
        using var created = await bank.Studio.PostAsJsonAsync("/api/studio/keys", new
        {
            name = "huge", kind = "publishable", bots = new[] { ServedBankFixture.BotId }, alias = "production", origins = new[] { Shop }, conversationRequestsPerMinute = 100_000_000,
        });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("a conversation's 0", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRasaRestChannel_AnswersInRasasShape_AndKeepsTheSendersConversation()
    {
        using var first = await bank.Runtime.PostAsJsonAsync("/webhooks/rest/webhook", new { sender = "rasa-1", message = "hello" });
        var greeting = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var lost = await bank.Runtime.PostAsJsonAsync("/webhooks/rest/webhook", new { sender = "rasa-1", message = "/card_lost_or_stolen" });
        using var digits = await bank.Runtime.PostAsJsonAsync("/webhooks/rest/webhook", new { sender = "rasa-1", message = "it ends in 4821" });
        using var status = await bank.Runtime.GetAsync("/webhooks/rest/");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var message = Assert.Single(greeting.EnumerateArray());
        Assert.Equal("rasa-1", message.GetProperty("recipient_id").GetString());
        Assert.False(string.IsNullOrEmpty(message.GetProperty("text").GetString()));
        Assert.Contains(message.GetProperty("buttons").EnumerateArray(), b => b.GetProperty("payload").GetString() == "/card_lost_or_stolen" && b.GetProperty("title").GetString() == "I lost my card");
        Assert.Contains("last four digits", await lost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("4821", await digits.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the same conversation, continued
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task TheRasaChannel_RefusesBadInput_Clearly()
    {
        var limit = (await (await SendAsync(await PublishableKeyAsync("limit"), Shop, null, null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("maxMessageLength").GetInt32();

        using var tooLong = await bank.Runtime.PostAsJsonAsync("/webhooks/rest/webhook", new { sender = "rasa-2", message = new string('a', limit + 1) });
        using var noSender = await bank.Runtime.PostAsJsonAsync("/webhooks/rest/webhook", new { message = "hello" });
        using var noKey = await bank.App.CreateAnonymousClient().PostAsJsonAsync("/webhooks/rest/webhook", new { sender = "rasa-3", message = "hello" });
        using var notJson = await bank.Runtime.PostAsync("/webhooks/rest/webhook", new StringContent("{\"sender\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
        Assert.Contains($"the limit is {limit:N0}", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noSender.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task AReply_CanComeAsServerSentEvents_EndingWithTheWholeReply()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/bots/{ServedBankFixture.BotId}/production/conversations/events-1/messages")
        {
            Content = JsonContent.Create(new { text = "hello" }),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await bank.Runtime.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reply = body.Split("\n\n").Single(e => e.StartsWith("event: reply\n", StringComparison.Ordinal));
        var json = JsonDocument.Parse(reply["event: reply\ndata: ".Length..]).RootElement;
        Assert.NotEmpty(json.GetProperty("markdown").EnumerateArray());
        Assert.NotEmpty(json.GetProperty("buttons").EnumerateArray());

        // A button's payload, pressed next in the same conversation.
        using var pressed = new HttpRequestMessage(HttpMethod.Post, $"/api/bots/{ServedBankFixture.BotId}/production/conversations/events-1/messages")
        {
            Content = JsonContent.Create(new { text = "/card_lost_or_stolen" }),
        };
        pressed.Headers.Accept.ParseAdd("text/event-stream");
        using var next = await bank.Runtime.SendAsync(pressed);
        Assert.Contains("last four digits", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheWidgetScript_IsUnder30KilobytesGzipped_AndNeverWritesHtml()
    {
        var script = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "wwwroot", "widget.js"));
        using var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(script);
        }

        Assert.True(zipped.Length <= 30 * 1024, $"widget.js is {zipped.Length:N0} bytes gzipped");
        var text = Encoding.UTF8.GetString(script);
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(" })
        {
            Assert.DoesNotContain(sink, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheTryOnAPagePreview_EmbedsTheKeysTag_AndOnlyItMayBeFramed_ByTheStudio()
    {
        using var created = await bank.Studio.PostAsJsonAsync("/api/studio/keys",
            new { name = "preview <b>", kind = "publishable", bots = new[] { ServedBankFixture.BotId }, alias = "production", origins = new[] { Shop } });
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();

        using var preview = await bank.Studio.GetAsync($"/webchat/preview/{key.GetProperty("id").GetInt64()}");
        using var studioPage = await bank.Studio.GetAsync("/bots");
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains($"data-key=\"{key.GetProperty("key").GetString()}\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/widget.js\"", html, StringComparison.Ordinal);
        Assert.Contains("preview &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", preview.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'self'", preview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", studioPage.Headers.GetValues("X-Frame-Options").Single());
    }

    private async Task<string> PublishableKeyAsync(string name, int conversationRequestsPerMinute = 60)
    {
        using var created = await bank.Studio.PostAsJsonAsync("/api/studio/keys", new
        {
            name, kind = "publishable", bots = new[] { ServedBankFixture.BotId }, alias = "production", origins = new[] { Shop, "http://127.0.0.1:5999" }, conversationRequestsPerMinute,
        });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var key = JsonDocument.Parse(body).RootElement;
        Assert.Equal("publishable", key.GetProperty("kind").GetString());
        return key.GetProperty("key").GetString()!;
    }

    /// <summary>A message (or, with no conversation, the chat's settings) as a page on <paramref name="origin"/> sends it.</summary>
    private async Task<HttpResponseMessage> SendAsync(string key, string origin, string? conversation, string? text)
    {
        var client = bank.App.CreateAnonymousClient();
        var path = $"/api/bots/{ServedBankFixture.BotId}/production" + (conversation is null ? "/widget" : $"/conversations/{conversation}/messages");
        using var request = new HttpRequestMessage(conversation is null ? HttpMethod.Get : HttpMethod.Post, path);
        if (text is not null)
        {
            request.Content = JsonContent.Create(new { text });
        }

        request.Headers.Add("X-Api-Key", key);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }
}
