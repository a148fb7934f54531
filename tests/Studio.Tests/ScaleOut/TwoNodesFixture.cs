using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studio.Application.ScaleOut;
using Studio.Tests.Api;
using Studio.Tests.Support;
using Studio.Core.Documents;
using Studio.Web.Api;

namespace Studio.Tests.ScaleOut;

/// <summary>
/// The scaled-out layout in one test process: a studio (role <c>all</c>) and a runtime node (<c>--role runtime</c>)
/// on one PostgreSQL database and one Redis, serving the banking template as <c>scaled-bank@production</c> with a key.
/// </summary>
public sealed class TwoNodesFixture : IAsyncLifetime
{
    public const string BotId = "scaled-bank";

    private readonly TempDirectory _studioData = new();
    private readonly TempDirectory _nodeData = new();
    private readonly string _database = TestPostgreSql.NewDatabase();

    public TestRedis Redis { get; } = new();

    public StudioAppFactory Studio { get; private set; } = default!;

    public StudioAppFactory Node { get; private set; } = default!;

    /// <summary>Signed in to the studio as its administrator.</summary>
    public HttpClient Designer { get; private set; } = default!;

    public string Key { get; private set; } = "";

    public ChangeNotices NodeNotices => Node.Services.GetRequiredService<ChangeNotices>();

    public async Task InitializeAsync()
    {
        Studio = new StudioAppFactory(_studioData.Path, settings: Settings(role: "all"));
        Designer = Studio.CreateClient();
        Node = new StudioAppFactory(_nodeData.Path, settings: Settings(role: "runtime"));
        (await Designer.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(BotId, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
        await PublishAsync("production");
        Key = await CreateKeyAsync("shop", requestsPerMinute: 60000);
    }

    /// <summary>Publishes the draft as a new version under <paramref name="alias"/> and returns its number.</summary>
    public async Task<int> PublishAsync(string alias)
    {
        var published = await Designer.PostAsJsonAsync($"/api/studio/bots/{BotId}/publish", new { alias, overrideReason = "scale-out tests" });
        published.EnsureSuccessStatusCode();
        return (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
    }

    public async Task<string> CreateKeyAsync(string name, int requestsPerMinute)
    {
        var key = await Designer.PostAsJsonAsync("/api/studio/keys", new { name, bots = new[] { BotId }, requestsPerMinute });
        key.EnsureSuccessStatusCode();
        return (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>A client of one node's runtime API with <paramref name="key"/> (the fixture's key by default).</summary>
    public HttpClient RuntimeClient(StudioAppFactory node, string? key = null)
    {
        var client = node.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key ?? Key);
        return client;
    }

    public async Task DisposeAsync()
    {
        Designer.Dispose();
        await Node.DisposeAsync();
        await Studio.DisposeAsync();
        await TestPostgreSql.DropAsync(_database);
        Redis.Dispose();
        _studioData.Dispose();
        _nodeData.Dispose();
    }

    private Dictionary<string, string> Settings(string role) => new()
    {
        ["Role"] = role,
        ["Database:Provider"] = "postgresql",
        ["Database:ConnectionString"] = _database,
        ["Redis:Configuration"] = Redis.Configuration,
    };
}
