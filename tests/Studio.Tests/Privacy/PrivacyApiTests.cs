using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Runtime;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Data;
using Studio.Tests.Api;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Privacy;

/// <summary>
/// The banking template served with privacy settings: the card's last four digits are a sensitive slot, and policy numbers
/// are a custom pattern. What users type goes in through the runtime API; what is looked for is the database file's bytes.
/// </summary>
public sealed class PrivacyApiTests : IAsyncLifetime
{
    private const string BotId = "private-bank";
    private const string QuietBotId = "quiet-bank";
    private const string CardDigits = "7390";
    private const string UpFrontDigits = "6614";

    private readonly TempDirectory _data = new();
    private StudioAppFactory _app = default!;
    private HttpClient _studio = default!;
    private HttpClient _runtime = default!;
    private long _keyId;

    public async Task InitializeAsync()
    {
        _app = new StudioAppFactory(_data.Path);
        _studio = _app.CreateClient();
        await CreateAsync(BotId, new PrivacySettings
        {
            SensitiveSlots = ["card_last_four"],
            Patterns = [new RedactionPattern { Name = "policy number", Pattern = "POL-[0-9]{8}" }],
        });
        await CreateAsync(QuietBotId, new PrivacySettings { RetentionDays = 0 });
        var key = await _studio.PostAsJsonAsync("/api/studio/keys", new { name = "app", bots = new[] { BotId, QuietBotId }, requestsPerMinute = 60000 });
        key.EnsureSuccessStatusCode();
        _runtime = _app.CreateAnonymousClient();
        var created = await key.Content.ReadFromJsonAsync<JsonElement>();
        _keyId = created.GetProperty("id").GetInt64();
        _runtime.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
    }

    [Fact]
    public async Task PersonalData_AndASensitiveSlot_AreNowhereInTheDatabaseFile_ButTheTurnsAreStored()
    {
        for (var i = 0; i < PiiCorpus.Items.Count; i++)
        {
            await SendAsync(BotId, $"pii-{i}", PiiCorpus.Items[i].Message);
        }

        await SendAsync(BotId, "lost-card", "I lost my card");
        var reply = await SendAsync(BotId, "lost-card", $"it ends in {CardDigits}");
        Assert.Contains(CardDigits, reply.GetProperty("replies")[0].GetString()); // the user is still answered with it
        Assert.Equal("card_last_four", reply.GetProperty("sensitiveSlot").GetString()); // so a client (the web chat) keeps none of what was typed
        // Filled on the way, from the message that starts the flow, not by answering its ask.
        await SendAsync(BotId, "up-front", $"my card ending {UpFrontDigits} was stolen this morning");
        await _app.Services.GetRequiredService<TranscriptWriter>().FlushAsync();

        var bytes = DatabaseBytes();
        Assert.True(Contains(bytes, "[email]"), "the turns must be stored, redacted, for the search below to mean anything");
        Assert.True(Contains(bytes, "[card_last_four]"));
        foreach (var (_, value, kind) in PiiCorpus.Items)
        {
            Assert.False(Contains(bytes, value), $"the {kind} '{value}' is in the database file");
            var compact = new string([.. value.Where(char.IsAsciiLetterOrDigit)]);
            Assert.False(compact.Length >= 6 && Contains(bytes, compact), $"the {kind} '{compact}' is in the database file");
        }

        Assert.False(Contains(bytes, $"in {CardDigits}") || Contains(bytes, $"**{CardDigits}**"), "the sensitive slot's value is in the database file");
        Assert.False(Contains(bytes, $"ending {UpFrontDigits}") || Contains(bytes, $"**{UpFrontDigits}**"), "a sensitive slot filled on the way is in the database file");
        var turns = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}/transcripts/lost-card");
        Assert.Equal("[card_last_four]", turns[1].GetProperty("userText").GetString());
        Assert.DoesNotContain(CardDigits, turns[1].GetProperty("replies").GetString());
    }

    [Fact]
    public async Task ABotThatKeepsNothing_StoresNoTurn()
    {
        await SendAsync(QuietBotId, "quiet-1", "what's my balance");
        await _app.Services.GetRequiredService<TranscriptWriter>().FlushAsync();

        var conversations = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{QuietBotId}/transcripts");
        Assert.Equal(0, conversations.GetArrayLength());
    }

    [Fact]
    public async Task ServedTurns_AreCountedInTheAnalytics_EvenByABotThatKeepsNone_AsJsonAndCsv()
    {
        await SendAsync(QuietBotId, "count-1", "what's my balance");
        await SendAsync(QuietBotId, "count-1", "hello there");
        await SendAsync(QuietBotId, "count-2", "hello");
        await _app.Services.GetRequiredService<TranscriptWriter>().FlushAsync();

        var report = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{QuietBotId}/analytics");
        var totals = report.GetProperty("totals");
        Assert.InRange(totals.GetProperty("messages").GetInt64(), 3, 4); // another test may send one more
        Assert.InRange(totals.GetProperty("conversations").GetInt64(), 2, 3);
        Assert.Equal(["production"], report.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.True(totals.GetProperty("p50Ms").GetDouble() > 0);
        var csv = await _studio.GetStringAsync($"/api/studio/bots/{QuietBotId}/analytics/csv?part=intents");
        Assert.StartsWith("intent,messages,share", csv);
        Assert.Contains("check_balance,", csv);

        using var reversed = await _studio.GetAsync($"/api/studio/bots/{QuietBotId}/analytics?from=2026-12-02&to=2026-12-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("empty", await reversed.Content.ReadAsStringAsync());
        using var unknownPart = await _studio.GetAsync($"/api/studio/bots/{QuietBotId}/analytics/csv?part=everything");
        Assert.Equal(HttpStatusCode.BadRequest, unknownPart.StatusCode);
        using var noTraffic = await _studio.GetAsync($"/api/studio/bots/{QuietBotId}/analytics?from=2020-01-01&to=2020-02-01");
        Assert.Equal(0, (await noTraffic.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totals").GetProperty("messages").GetInt64());
    }

    [Fact]
    public async Task ASplitAlias_KeepsEachConversationOnOneVersion_RefusesSharesThatDoNotAddUp_AndPromotes()
    {
        var draft = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}");
        var bot = JsonSerializer.Deserialize<BotDefinition>(draft.GetProperty("bot").GetRawText(), BotJson.Options)!;
        bot.Description = "the second version";
        (await _studio.PutAsJsonAsync($"/api/studio/bots/{BotId}", new { revision = draft.GetProperty("revision").GetInt32(), bot }, BotJson.Options)).EnsureSuccessStatusCode();
        (await _studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/publish", new { overrideReason = "tests" })).EnsureSuccessStatusCode();
        // Conversations under way on v1 when the split begins, some of which the hash alone would send to v2.
        string[] underWay = [.. Enumerable.Range(0, 16).Select(c => $"under-way-{c}")];
        Assert.Contains(underWay, c => Studio.Application.Runtime.PublishedBots.Bucket($"{_keyId}:{c}") < 50);
        foreach (var c in underWay)
        {
            Assert.Equal(1, (await SendAsync(BotId, c, "I lost my card")).GetProperty("version").GetInt32());
        }

        using var short_ = await _studio.PutAsJsonAsync($"/api/studio/bots/{BotId}/aliases/production/split", new { arms = new[] { new { version = 1, percent = 60 }, new { version = 2, percent = 30 } } });
        using var foreign = await _studio.PutAsJsonAsync($"/api/studio/bots/{BotId}/aliases/production/split", new { arms = new[] { new { version = 1, percent = 50 }, new { version = 9, percent = 50 } } });
        using var split = await _studio.PutAsJsonAsync($"/api/studio/bots/{BotId}/aliases/production/split", new { arms = new[] { new { version = 1, percent = 50 }, new { version = 2, percent = 50 } } });
        Assert.Equal(HttpStatusCode.BadRequest, short_.StatusCode);
        Assert.Contains("100 %", await short_.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        using var missingArm = await _studio.PutAsync($"/api/studio/bots/{BotId}/aliases/production/split",
            new StringContent("""{"arms": [null, {"version": 1, "percent": 100}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, missingArm.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, split.StatusCode);

        var seen = new HashSet<int>();
        for (var c = 0; c < 16; c++)
        {
            var first = (await SendAsync(BotId, $"split-{c}", "hello")).GetProperty("version").GetInt32();
            var second = (await SendAsync(BotId, $"split-{c}", "thanks")).GetProperty("version").GetInt32();
            Assert.Equal(first, second);
            seen.Add(first);
        }

        Assert.Equal([1, 2], seen.Order());
        foreach (var c in underWay)
        {
            Assert.Equal(1, (await SendAsync(BotId, c, "thanks")).GetProperty("version").GetInt32());
        }

        (await _studio.PutAsJsonAsync($"/api/studio/bots/{BotId}/aliases/production", new { version = 2 })).EnsureSuccessStatusCode();
        var history = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}/aliases/history");
        Assert.StartsWith("promoted v2", history[0].GetProperty("note").GetString());
        Assert.Equal(2, (await SendAsync(BotId, "split-after", "hello")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ForgettingAConversation_ErasesItsTurns_AndItsLiveState()
    {
        await SendAsync(BotId, "forget-me", "I lost my card");
        await _app.Services.GetRequiredService<TranscriptWriter>().FlushAsync();

        using var forget = await _studio.DeleteAsync($"/api/studio/bots/{BotId}/transcripts/forget-me");
        var forgotten = await forget.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, forget.StatusCode);
        Assert.Equal(1, forgotten.GetProperty("turns").GetInt32());
        Assert.Empty((await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}/transcripts/forget-me")).EnumerateArray());
        // The flow was waiting for the card's digits; with its state erased, the digits are a new conversation's first message.
        var after = await SendAsync(BotId, "forget-me", $"it ends in {CardDigits}");
        Assert.NotEqual("lost_card", after.TryGetProperty("flow", out var flow) ? flow.GetString() : null);
    }

    [Theory]
    [InlineData("(a+)+b", "repeats something that itself repeats")]
    [InlineData(@"(\d)\1", "backtrack")]
    [InlineData("POL-[", "does not compile")]
    public async Task ACustomPatternThatCouldHang_OrDoesNotCompile_IsRefusedAtSave_PointingAtIt(string pattern, string reason)
    {
        var draft = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}");
        var bot = JsonSerializer.Deserialize<BotDefinition>(draft.GetProperty("bot").GetRawText(), BotJson.Options)!;
        bot.Privacy!.Patterns = [new RedactionPattern { Name = "bad", Pattern = pattern }];

        using var response = await _studio.PutAsJsonAsync($"/api/studio/bots/{BotId}", new { revision = draft.GetProperty("revision").GetInt32(), bot }, BotJson.Options);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("privacy", body, StringComparison.Ordinal);
    }

    private async Task CreateAsync(string botId, PrivacySettings privacy)
    {
        (await _studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(botId, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
        var draft = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{botId}");
        var bot = JsonSerializer.Deserialize<BotDefinition>(draft.GetProperty("bot").GetRawText(), BotJson.Options)!;
        bot.Privacy = privacy;
        (await _studio.PutAsJsonAsync($"/api/studio/bots/{botId}", new { revision = draft.GetProperty("revision").GetInt32(), bot }, BotJson.Options)).EnsureSuccessStatusCode();
        (await _studio.PostAsJsonAsync($"/api/studio/bots/{botId}/publish", new { alias = "production", overrideReason = "the demo bank's API is not reachable in tests" }))
            .EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> SendAsync(string botId, string conversationId, string text)
    {
        using var response = await _runtime.PostAsJsonAsync($"/api/bots/{botId}/production/conversations/{conversationId}/messages", new { text });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // The database and its write-ahead log, read while the studio has them open, as an attacker with the files would.
    private byte[] DatabaseBytes()
    {
        var file = Path.Combine(_data.Path, StudioDatabase.FileName);
        return [.. new[] { file, file + "-wal" }.Where(File.Exists).SelectMany(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        })];
    }

    private static bool Contains(byte[] haystack, string value) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0 || haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value.ToUpperInvariant())) >= 0;

    public async Task DisposeAsync()
    {
        _studio.Dispose();
        _runtime.Dispose();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
