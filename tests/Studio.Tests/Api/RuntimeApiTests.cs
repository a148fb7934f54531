using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;
using Studio.Application.Runtime;
using Studio.Web.Runtime;

namespace Studio.Tests.Api;

/// <summary>Publishing and serving through the HTTP APIs, on the real encoder and a real SQLite file.</summary>
public class RuntimeApiTests
{
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    [Fact]
    public async Task PublishedBot_IsServed_WithConversationState_AndTranscripts()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "served-bank");

        var published = await studio.PostAsJsonAsync("/api/studio/bots/served-bank/publish", new { alias = "production", notes = "first" });
        var runtime = await KeyedClientAsync(app, studio, "served-bank");
        var parse = await runtime.PostAsJsonAsync("/api/bots/served-bank/production/parse", new { text = "I lost my card yesterday" });
        var first = await runtime.PostAsJsonAsync("/api/bots/served-bank/production/conversations/c-1/messages", new { text = "I lost my card" });
        var second = await runtime.PostAsJsonAsync("/api/bots/served-bank/production/conversations/c-1/messages", new { text = "it ends in 4821" });
        var byNumber = await runtime.PostAsJsonAsync("/api/bots/served-bank/v1/parse", new { text = "hello" });
        var otherApp = await KeyedClientAsync(app, studio, "served-bank");
        var sameIdElsewhere = await otherApp.PostAsJsonAsync("/api/bots/served-bank/production/conversations/c-1/messages", new { text = "it ends in 4821" });

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(1, (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());
        var understood = await parse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("card_lost_or_stolen", understood.GetProperty("intent").GetString());
        Assert.Equal(5, understood.GetProperty("ranking").GetArrayLength());
        Assert.Contains(understood.GetProperty("entities").EnumerateArray(), e => e.GetProperty("value").GetString()!.Length == 10); // "yesterday" as an ISO date
        Assert.NotNull(understood.GetProperty("sentiment").GetProperty("label").GetString());
        var reply = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("4821", reply.GetProperty("slots").GetProperty("card_last_four").GetString()); // the state carried over from the first message
        Assert.NotEmpty(reply.GetProperty("replies").EnumerateArray());
        Assert.NotEmpty(reply.GetProperty("nodes").EnumerateArray());
        Assert.True(reply.GetProperty("understanding").GetProperty("timings").GetArrayLength() >= 4);
        Assert.Equal(HttpStatusCode.OK, byNumber.StatusCode);
        // Another application's key, the same conversation id: its own conversation, which never asked for the card.
        Assert.False((await sameIdElsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").TryGetProperty("card_last_four", out _));

        await app.Services.GetRequiredService<TranscriptWriter>().FlushAsync();
        var conversations = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/served-bank/transcripts");
        var turns = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/served-bank/transcripts/c-1");
        Assert.Equal(3, Assert.Single(conversations.EnumerateArray()).GetProperty("turns").GetInt32());
        Assert.Equal(["I lost my card", "it ends in 4821", "it ends in 4821"], turns.EnumerateArray().Select(t => t.GetProperty("userText").GetString()));
    }

    [Fact]
    public async Task BadRequests_GetTheirStatus_AndDoNotDisturbOtherConversations()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "guarded-bank");
        await CreateAsync(studio, "other-bank");
        (await studio.PostAsJsonAsync("/api/studio/bots/guarded-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync(app, studio, "guarded-bank");
        var otherBotsKey = await KeyedClientAsync(app, studio, "other-bank");
        var anonymous = app.CreateAnonymousClient();
        var wrong = app.CreateAnonymousClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "stu_not-a-real-key");
        const string url = "/api/bots/guarded-bank/production/conversations/steady/messages";
        (await runtime.PostAsJsonAsync(url, new { text = "I lost my card" })).EnsureSuccessStatusCode();

        var noKey = await anonymous.PostAsJsonAsync(url, new { text = "hi" });
        var badKey = await wrong.PostAsJsonAsync(url, new { text = "hi" });
        var forbidden = await otherBotsKey.PostAsJsonAsync(url, new { text = "hi" });
        var unknownBot = await runtime.PostAsJsonAsync("/api/bots/nobody/production/parse", new { text = "hi" });
        var unknownAlias = await runtime.PostAsJsonAsync("/api/bots/guarded-bank/staging/parse", new { text = "hi" });
        var unknownVersion = await runtime.PostAsJsonAsync("/api/bots/guarded-bank/v9/parse", new { text = "hi" });
        var malformed = await runtime.PostAsync("/api/bots/guarded-bank/production/parse", new StringContent("{\"text\": ", Encoding.UTF8, "application/json"));
        var oversize = await runtime.PostAsync("/api/bots/guarded-bank/production/parse",
            new StringContent(JsonSerializer.Serialize(new { text = new string('x', 20_000) }), Encoding.UTF8, "application/json"));
        var longMessage = await runtime.PostAsJsonAsync("/api/bots/guarded-bank/production/parse", new { text = new string('x', 3000) });
        var still = await runtime.PostAsJsonAsync(url, new { text = "it ends in 4821" });

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("application/problem+json", noKey.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknownBot.StatusCode); // a key scoped to one bot learns nothing about others
        Assert.Equal(HttpStatusCode.NotFound, unknownAlias.StatusCode);
        Assert.Contains("no alias 'staging'", await unknownAlias.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        Assert.Contains("the limit is 16,384", await oversize.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, longMessage.StatusCode);
        Assert.Equal("4821", (await still.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").GetProperty("card_last_four").GetString());
    }

    [Fact]
    public async Task AnUnscopedKey_SeesUnknownBotsAs404_AndTooManyRequestsGet429WithRetryAfter()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "rate-bank");
        (await studio.PostAsJsonAsync("/api/studio/bots/rate-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var slow = await KeyedClientAsync(app, studio, null, requestsPerMinute: 6); // a burst of one, then one every ten seconds

        var unknownBot = await slow.PostAsJsonAsync("/api/bots/nobody/production/parse", new { text = "hi" });
        var limited = await slow.PostAsJsonAsync("/api/bots/rate-bank/production/parse", new { text = "hi" });

        Assert.Equal(HttpStatusCode.NotFound, unknownBot.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("allows 6 requests a minute", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Aliases_ReleaseAndRollBack_AtOnce_AndVersionsDiff()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "alias-bank");
        var first = await studio.PostAsJsonAsync("/api/studio/bots/alias-bank/publish", new { alias = "production" });
        var again = await studio.PostAsJsonAsync("/api/studio/bots/alias-bank/publish", new { alias = "production", notes = "same revision again" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // recognised as identical: no second version
        var (firstVersion, againVersion) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await again.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(firstVersion.GetProperty("contentHash").GetString(), againVersion.GetProperty("contentHash").GetString());
        Assert.Equal(1, againVersion.GetProperty("number").GetInt32());
        await EditAsync(studio, "alias-bank", bot => bot.Intents.Single(i => i.Name == "check_balance").Examples.Add("what's left in my wallet account"));
        (await studio.PostAsJsonAsync("/api/studio/bots/alias-bank/publish", new { alias = "staging", notes = "more balance examples" })).EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync(app, studio, "alias-bank");

        async Task<int> ServedAsync(string alias) =>
            (await (await runtime.PostAsJsonAsync($"/api/bots/alias-bank/{alias}/parse", new { text = "balance" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

        var before = (await ServedAsync("production"), await ServedAsync("staging"));
        (await studio.PutAsJsonAsync("/api/studio/bots/alias-bank/aliases/production", new { version = 2 })).EnsureSuccessStatusCode();
        var released = await ServedAsync("production");
        (await studio.PutAsJsonAsync("/api/studio/bots/alias-bank/aliases/production", new { version = 1 })).EnsureSuccessStatusCode();
        var rolledBack = await ServedAsync("production");
        var missing = await studio.PutAsJsonAsync("/api/studio/bots/alias-bank/aliases/production", new { version = 7 });
        var diff = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/alias-bank/versions/1/diff/2");
        var history = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/alias-bank/aliases/history");

        Assert.Equal((1, 2), before);
        Assert.Equal((2, 1), (released, rolledBack));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(diff.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "added" && l.GetProperty("text").GetString()!.Contains("wallet account"));
        Assert.True(diff.GetProperty("headsChanged").GetBoolean());
        Assert.Equal([1, 1, 2, 1], history.EnumerateArray().Where(m => m.GetProperty("alias").GetString() == "production").Reverse().Select(m => m.GetProperty("toVersion").GetInt32()));
    }

    [Fact]
    public async Task FailingTests_BlockThePublish_UnlessOverriddenWithAReason()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "gated-bank", bot => bot.Tests[0].Turns[0].Expect!.ReplyContains = "carrier pigeon");

        var refused = await studio.PostAsJsonAsync("/api/studio/bots/gated-bank/publish", new { alias = "production" });
        var versionsAfterRefusal = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/gated-bank/versions");
        var overridden = await studio.PostAsJsonAsync("/api/studio/bots/gated-bank/publish", new { alias = "production", overrideReason = "copy change signed off by legal" });
        var detail = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/gated-bank/versions/1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1 of", problem.GetProperty("detail").GetString());
        Assert.Contains("carrier pigeon", problem.GetProperty("gate").GetProperty("failures")[0].GetString());
        Assert.Equal(0, versionsAfterRefusal.GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        Assert.Equal("copy change signed off by legal", detail.GetProperty("gate").GetProperty("overrideReason").GetString());
        Assert.Equal(1, detail.GetProperty("gate").GetProperty("testsFailed").GetInt32());
        Assert.Contains(detail.GetProperty("models").EnumerateArray(), m => m.GetProperty("id").GetString() == "encoder" && m.GetProperty("sha256").GetString()!.Length == 64);
    }

    [Fact]
    public async Task AVersionWhoseModelFileChanged_IsRefused_NamingTheFile()
    {
        using var data = new TempDirectory();
        var model = data.File("stories-copy.gguf");
        File.Copy(RepoPaths.StoriesModel, model);
        await using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string>
        {
            ["Models:stories:Kind"] = "gguf", ["Models:stories:Path"] = model, ["Models:stories:ContextSize"] = "1024",
        });
        var studio = app.CreateClient();
        await CreateAsync(studio, "drift-bank", bot => bot.Models = new Studio.Core.Bots.ModelAssignment { Intent = "encoder", Generation = "stories" });
        (await studio.PostAsJsonAsync("/api/studio/bots/drift-bank/publish", new { alias = "production", overrideReason = "the tiny model rephrases every reply; this test is about its file" })).EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync(app, studio, "drift-bank");
        var before = await runtime.PostAsJsonAsync("/api/bots/drift-bank/production/parse", new { text = "hello" });

        await using (var file = File.Open(model, FileMode.Append))
        {
            file.WriteByte(0);
        }

        File.SetLastWriteTimeUtc(model, DateTime.UtcNow.AddMinutes(1));
        var after = await runtime.PostAsJsonAsync("/api/bots/drift-bank/production/parse", new { text = "hello" });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Contains(model, await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABotPublishedWithTheTunedRung_IsServed_AndItsTunedModelIsAModelFileOfTheVersion()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "tuned-bank", bot => bot.Models = new Studio.Core.Bots.ModelAssignment { Intent = "tuned" });
        var published = await studio.PostAsJsonAsync("/api/studio/bots/tuned-bank/publish", new { alias = "production" });
        published.EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync(app, studio, "tuned-bank");

        var parsed = await runtime.PostAsJsonAsync("/api/bots/tuned-bank/production/parse", new { text = "my card still hasn't arrived" });
        var versions = await studio.GetStringAsync("/api/studio/bots/tuned-bank/versions/1");

        Assert.Equal(HttpStatusCode.OK, parsed.StatusCode);
        var body = await parsed.Content.ReadAsStringAsync();
        Assert.Contains("card_arrival", body);
        Assert.Contains("intent: tuned head", body);
        Assert.Contains("encoder: tuned", body);
        Assert.Contains("tuned-encoder", versions);
    }

    [Fact]
    public async Task TheBot_IsAnOpenAiModel_AsBotAtAlias()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "chat-bank");
        (await studio.PostAsJsonAsync("/api/studio/bots/chat-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync(app, studio, "chat-bank");
        var messages = new object[]
        {
            new { role = "user", content = "I lost my card" },
            new { role = "assistant", content = "What are the last four digits?" },
            new { role = "user", content = "it ends in 4821" },
        };

        var answer = await runtime.PostAsJsonAsync("/v1/chat/completions", new { model = "chat-bank@production", messages });
        var noKey = await app.CreateAnonymousClient().PostAsJsonAsync("/v1/chat/completions", new { model = "chat-bank@production", messages });
        var unknown = await runtime.PostAsJsonAsync("/v1/chat/completions", new { model = "chat-bank@nightly", messages });

        var completion = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var content = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("4821", content); // the history was replayed: the bot knows which card
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("invalid_api_key", (await noKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task EachPublishedSetup_IsServedAsWritten_AndOnlyItsStepsRun()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string>
        {
            ["Models:stories:Kind"] = "gguf", ["Models:stories:Path"] = RepoPaths.StoriesModel, ["Models:stories:ContextSize"] = "4096",
        });
        var studio = app.CreateClient();
        await CreateAsync(studio, "setup-bank", bot => bot.Models = new Studio.Core.Bots.ModelAssignment { Intent = "ngram", Sentiment = "ngram" });
        (await studio.PostAsJsonAsync("/api/studio/bots/setup-bank/publish", new { alias = "small", overrideReason = "the n-gram rung misses some test turns" })).EnsureSuccessStatusCode();
        // The gate replays every test turn on the large model; one test is enough here, where serving is what is tested.
        await EditAsync(studio, "setup-bank", bot =>
        {
            bot.Models = new Studio.Core.Bots.ModelAssignment { Intent = "stories(shots=0)" };
            bot.Tests = bot.Tests.Take(1).ToList();
        });
        (await studio.PostAsJsonAsync("/api/studio/bots/setup-bank/publish", new { alias = "large", overrideReason = "the tiny model guesses intents" })).EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync(app, studio, "setup-bank");

        var small = await (await runtime.PostAsJsonAsync("/api/bots/setup-bank/small/parse", new { text = "I lost my card" })).Content.ReadFromJsonAsync<JsonElement>();
        var large = await (await runtime.PostAsJsonAsync("/api/bots/setup-bank/large/parse", new { text = "I lost my card" })).Content.ReadFromJsonAsync<JsonElement>();
        var message = await runtime.PostAsJsonAsync("/api/bots/setup-bank/large/conversations/c1/messages", new { text = "I lost my card" });
        var chat = await runtime.PostAsJsonAsync("/v1/chat/completions", new { model = "setup-bank@large", messages = new[] { new { role = "user", content = "I lost my card" } } });

        Assert.Equal(("ngram", "ngram"), (small.GetProperty("setup").GetString(), small.GetProperty("answeredBy").GetString()));
        Assert.Equal(["intent: n-gram", "sentiment: n-gram", "entities"], small.GetProperty("timings").EnumerateArray().Select(t => t.GetProperty("step").GetString()));
        Assert.Equal("stories(shots=0)", large.GetProperty("answeredBy").GetString());
        Assert.True(large.GetProperty("tokensIn").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        Assert.Equal("stories(shots=0)", (await message.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("understanding").GetProperty("answeredBy").GetString());
        Assert.True((await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage").GetProperty("prompt_tokens").GetInt64() > 0);
    }

    [Fact]
    public async Task LoadedVersions_StayWithinTheirBound_AndOneLetGoIsLoadedAgainWhenAskedFor()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string> { ["Runtime:MaxLoadedVersions"] = "1" });
        var studio = app.CreateClient();
        await CreateAsync(studio, "bounded-bank");
        (await studio.PostAsJsonAsync("/api/studio/bots/bounded-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        await EditAsync(studio, "bounded-bank", bot => bot.Intents.Single(i => i.Name == "check_balance").Examples.Add("what's left in my wallet account"));
        (await studio.PostAsJsonAsync("/api/studio/bots/bounded-bank/publish", new { alias = "staging" })).EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync(app, studio, "bounded-bank");
        var loaded = app.Services.GetRequiredService<PublishedBots>();

        async Task<int> ServedAsync(string alias) =>
            (await (await runtime.PostAsJsonAsync($"/api/bots/bounded-bank/{alias}/parse", new { text = "balance" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

        var served = new[] { await ServedAsync("production"), await ServedAsync("staging"), await ServedAsync("production") };

        Assert.Equal([1, 2, 1], served);
        Assert.Equal(1, loaded.LoadedCount);
    }

    [Fact]
    public async Task ASetupNamingAModelThatDoesNotExist_IsRefusedAtSave_NamingIt()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        await CreateAsync(studio, "typo-bank");

        var draft = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/typo-bank");
        var bot = JsonSerializer.Deserialize<Studio.Core.Bots.BotDefinition>(draft.GetProperty("bot").GetRawText(), Json)!;
        bot.Models = new Studio.Core.Bots.ModelAssignment { Intent = "gpt(shots=4)" };

        var saved = await studio.PutAsJsonAsync("/api/studio/bots/typo-bank", new { revision = draft.GetProperty("revision").GetInt32(), bot }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("Unknown model 'gpt'", await saved.Content.ReadAsStringAsync());
    }

    private static async Task CreateAsync(HttpClient studio, string id, Action<Studio.Core.Bots.BotDefinition>? change = null)
    {
        (await studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(id, TemplateId: "banking"), Json)).EnsureSuccessStatusCode();
        if (change is not null)
        {
            await EditAsync(studio, id, change);
        }
    }

    private static async Task EditAsync(HttpClient studio, string id, Action<Studio.Core.Bots.BotDefinition> change)
    {
        var draft = await studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{id}");
        var bot = JsonSerializer.Deserialize<Studio.Core.Bots.BotDefinition>(draft.GetProperty("bot").GetRawText(), Json)!;
        change(bot);
        (await studio.PutAsJsonAsync($"/api/studio/bots/{id}", new { revision = draft.GetProperty("revision").GetInt32(), bot }, Json)).EnsureSuccessStatusCode();
    }

    private static Task<HttpClient> KeyedClientAsync(StudioAppFactory app, HttpClient studio, string? bot, int requestsPerMinute = 6000) =>
        RuntimeKeys.ClientAsync(app, studio, "test " + bot, bot is null ? [] : [bot], requestsPerMinute);
}
