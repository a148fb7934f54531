using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Runtime;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>The review inbox through its API, on turns the runtime served: each review is claimed once, changes the draft, and can be undone.</summary>
public sealed class InboxApiTests : IAsyncLifetime
{
    private const string BotId = "inbox-api";

    private readonly TempDirectory _data = new();
    private StudioAppFactory _app = default!;
    private HttpClient _studio = default!;
    private HttpClient _runtime = default!;

    public async Task InitializeAsync()
    {
        _app = new StudioAppFactory(_data.Path);
        _studio = _app.CreateClient();
        (await _studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(BotId, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
        (await _studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/publish", new { alias = "production", overrideReason = "tests" })).EnsureSuccessStatusCode();
        var key = await (await _studio.PostAsJsonAsync("/api/studio/keys", new { name = "app", bots = new[] { BotId }, requestsPerMinute = 60000 })).Content.ReadFromJsonAsync<JsonElement>();
        _runtime = _app.CreateAnonymousClient();
        _runtime.DefaultRequestHeaders.Add("X-Api-Key", key.GetProperty("key").GetString());
    }

    [Fact]
    public async Task AnExample_IsAddedOnce_RefusedTwice_AndUndoneWithWhatItAdded()
    {
        var turn = await ServeAsync("inbox-example", "could you tell me the ATM withdrawal limit per day");

        using var wrongIntent = await _studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/inbox/{turn}/example", new { intent = "no_such_intent" });
        using var added = await _studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/inbox/{turn}/example",
            new { intent = "fees_and_charges", example = "could you tell me the [ATM](card_type) withdrawal limit per day" });
        using var again = await _studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/inbox/{turn}/example", new { intent = "fees_and_charges" });

        Assert.Equal(HttpStatusCode.BadRequest, wrongIntent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("example", (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("review").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("could you tell me the [ATM](card_type) withdrawal limit per day", await ExamplesAsync("fees_and_charges"));
        Assert.DoesNotContain(await InboxTextsAsync(), t => t.Contains("withdrawal limit per day", StringComparison.Ordinal));

        using var undone = await _studio.PostAsync($"/api/studio/bots/{BotId}/inbox/{turn}/undo", null);
        using var undoneAgain = await _studio.PostAsync($"/api/studio/bots/{BotId}/inbox/{turn}/undo", null);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, undoneAgain.StatusCode);
        Assert.DoesNotContain(await ExamplesAsync("fees_and_charges"), e => e.Contains("withdrawal limit per day", StringComparison.Ordinal));
        Assert.Contains(await InboxTextsAsync(), t => t == "could you tell me the ATM withdrawal limit per day");
    }

    [Fact]
    public async Task AConversation_BecomesATest_AndTheCheckReadsEveryReviewedMessage()
    {
        await ServeAsync("inbox-test", "hello");
        var turn = await ServeAsync("inbox-test", "blorp zxqv flimflam");

        using var test = await _studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/inbox/{turn}/test", new { });
        using var check = await _studio.PostAsync($"/api/studio/bots/{BotId}/inbox/check", null);
        var result = await check.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        var draft = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}");
        var added = draft.GetProperty("bot").GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == $"inbox-{turn}");
        Assert.Equal(["hello", "blorp zxqv flimflam"], added.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("user").GetString()));
        Assert.Equal("(out of scope)", added.GetProperty("turns")[1].GetProperty("expect").GetProperty("intent").GetString());
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.True(result.GetProperty("checked").GetInt32() >= 1);
    }

    [Fact]
    public async Task AMessageThatIsAlreadyAnotherIntentsExample_IsRefused_NamingThatIntent_AndStaysInTheInbox()
    {
        var turn = await ServeAsync("inbox-owned", "when will my new card arrive");

        using var other = await _studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/inbox/{turn}/example", new { intent = "fees_and_charges" });

        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("'card_arrival'", await other.Content.ReadAsStringAsync());
        var stored = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}/transcripts/inbox-owned");
        Assert.Equal("none", stored[0].GetProperty("review").GetString());
    }

    [Fact]
    public async Task AnUnknownReason_OrTurn_IsAClearError()
    {
        using var reason = await _studio.GetAsync($"/api/studio/bots/{BotId}/inbox?reasons=sadness");
        using var turn = await _studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/inbox/999999/example", new { intent = "greeting" });

        Assert.Equal(HttpStatusCode.BadRequest, reason.StatusCode);
        Assert.Contains("lowConfidence", await reason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, turn.StatusCode);
    }

    private async Task<long> ServeAsync(string conversation, string text)
    {
        (await _runtime.PostAsJsonAsync($"/api/bots/{BotId}/production/conversations/{conversation}/messages", new { text })).EnsureSuccessStatusCode();
        await _app.Services.GetRequiredService<TranscriptWriter>().FlushAsync();
        var turns = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}/transcripts/{conversation}");
        return turns.EnumerateArray().Last().GetProperty("id").GetInt64();
    }

    private async Task<IReadOnlyList<string>> ExamplesAsync(string intent)
    {
        var draft = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}");
        return [.. draft.GetProperty("bot").GetProperty("intents").EnumerateArray().Single(i => i.GetProperty("name").GetString() == intent)
            .GetProperty("examples").EnumerateArray().Select(e => e.GetString()!)];
    }

    private async Task<IReadOnlyList<string>> InboxTextsAsync()
    {
        var page = await _studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}/inbox?below=1&take=200");
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userText").GetString()!)];
    }

    public async Task DisposeAsync()
    {
        _studio.Dispose();
        _runtime.Dispose();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
