using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Tests.Api;
using Studio.Tests.Support;
using Studio.Core.Documents;
using Studio.Web.Api;

namespace Studio.Tests.ScaleOut;

/// <summary>Redis stopped while a node serves, and started again: requests are refused with a reason, then served again, and no state is lost or mixed up.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private const string BotId = "outage-bank";
    private readonly TempDirectory _data = new();
    private readonly TestRedis _redis = new();
    private StudioAppFactory _app = default!;
    private HttpClient _runtime = default!;

    public async Task InitializeAsync()
    {
        _app = new StudioAppFactory(_data.Path, settings: new Dictionary<string, string> { ["Redis:Configuration"] = _redis.Configuration });
        using var studio = _app.CreateClient();
        (await studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(BotId, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
        (await studio.PostAsJsonAsync($"/api/studio/bots/{BotId}/publish", new { alias = "production", overrideReason = "outage tests" })).EnsureSuccessStatusCode();
        var key = await studio.PostAsJsonAsync("/api/studio/keys", new { name = "shop", bots = new[] { BotId }, requestsPerMinute = 60000 });
        key.EnsureSuccessStatusCode();
        _runtime = _app.CreateAnonymousClient();
        _runtime.DefaultRequestHeaders.Add("X-Api-Key", (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
    }

    [Fact]
    public async Task WhileRedisIsDown_TurnsAnswer503WithTheReason_AndTheConversationGoesOnWhenItIsBack()
    {
        var first = await SendAsync("outage-1", "I've lost my card somewhere");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        _redis.Stop();
        var refused = await SendAsync("outage-1", "it ends in 4821");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "a 503 says when to try again");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Redis", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using (var anonymous = _app.CreateAnonymousClient())
        {
            var ready = await anonymous.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("Redis", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        _redis.Start();
        // No restart of the node: it reconnects on its own. The refused turn changed nothing, so the digits, sent
        // again, are the answer the conversation was waiting for.
        HttpResponseMessage? again = null;
        await Eventually.TrueAsync(async () => (again = await SendAsync("outage-1", "it ends in 4821")).StatusCode == HttpStatusCode.OK, "turns are served once Redis is back");
        var reply = await again!.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("4821", reply.GetProperty("slots").GetProperty("card_last_four").GetString());
    }

    public async Task DisposeAsync()
    {
        _runtime.Dispose();
        await _app.DisposeAsync();
        _redis.Dispose();
        _data.Dispose();
    }

    private Task<HttpResponseMessage> SendAsync(string conversation, string text) =>
        _runtime.PostAsJsonAsync($"/api/bots/{BotId}/production/conversations/{conversation}/messages", new { text });
}
