using System.Net.Http.Json;
using System.Text.Json;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>
/// One running studio for a test class, serving the banking template as <c>served-bank@production</c>, with a key for it.
/// The card-digits entity takes whatever follows the digits, as a permissive designer's pattern would, so a caller's
/// text reaches a reply through a slot.
/// </summary>
public sealed class ServedBankFixture : IAsyncLifetime
{
    public const string BotId = "served-bank";

    private readonly TempDirectory _data = new();

    public StudioAppFactory App { get; private set; } = default!;

    public HttpClient Studio { get; private set; } = default!;

    public HttpClient Runtime { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = new StudioAppFactory(_data.Path);
        Studio = App.CreateClient();
        (await Studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(BotId, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
        var draft = await Studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{BotId}");
        var bot = JsonSerializer.Deserialize<Studio.Core.Bots.BotDefinition>(draft.GetProperty("bot").GetRawText(), BotJson.Options)!;
        bot.Entities.Single(e => e.Name == "card_last_four").Pattern = @"\d{4}.*";
        (await Studio.PutAsJsonAsync($"/api/studio/bots/{BotId}", new { revision = draft.GetProperty("revision").GetInt32(), bot }, BotJson.Options)).EnsureSuccessStatusCode();
        (await Studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/publish", new { alias = "production", overrideReason = "tests of what callers may send" })).EnsureSuccessStatusCode();
        var key = await Studio.PostAsJsonAsync("/api/studio/keys", new { name = "shop", bots = new[] { BotId }, requestsPerMinute = 60000 });
        key.EnsureSuccessStatusCode();
        Runtime = App.CreateAnonymousClient();
        Runtime.DefaultRequestHeaders.Add("X-Api-Key", (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
    }

    /// <summary>Sends one message of a conversation and returns the reply's JSON.</summary>
    public async Task<JsonElement> SendAsync(string conversationId, string text)
    {
        var response = await Runtime.PostAsJsonAsync($"/api/bots/{BotId}/production/conversations/{conversationId}/messages", new { text });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task DisposeAsync()
    {
        Studio.Dispose();
        Runtime.Dispose();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
