using System.Net.Http.Json;
using System.Text.Json;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>
/// One app host for the tests of a collection, with the banking template published as <see cref="BotId"/>@production, a key
/// scoped to it and a key scoped to another bot. A small completion body limit keeps the size tests fast.
/// </summary>
public sealed class PublishedBotHost : IAsyncLifetime
{
    public const string BotId = "openai-bank";

    /// <summary>A draft, never published: what a key for it may call is nothing of <see cref="BotId"/>'s.</summary>
    public const string OtherBotId = "other-bank";

    public const long CompletionBodyLimit = 256 * 1024;

    private readonly TempDirectory _data = new();

    public StudioAppFactory App { get; private set; } = default!;

    /// <summary>Signed in as the first administrator.</summary>
    public HttpClient Studio { get; private set; } = default!;

    /// <summary>Holds a key that may call <see cref="BotId"/>.</summary>
    public HttpClient Keyed { get; private set; } = default!;

    /// <summary>Holds a key scoped to another bot only.</summary>
    public HttpClient OtherKeyed { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = new StudioAppFactory(_data.Path, settings: new Dictionary<string, string>
        {
            ["Runtime:MaxCompletionBodyBytes"] = CompletionBodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Studio = App.CreateClient();
        (await Studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(BotId, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
        (await Studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        (await Studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(OtherBotId, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
        Keyed = await KeyedClientAsync(BotId);
        OtherKeyed = await KeyedClientAsync(OtherBotId);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        _data.Dispose();
    }

    private Task<HttpClient> KeyedClientAsync(string bot) => RuntimeKeys.ClientAsync(App, Studio, "key for " + bot, [bot]);
}
