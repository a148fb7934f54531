using System.Net.Http.Json;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>One app host for a test class, with the banking starter bot <see cref="BotId"/> created.</summary>
public sealed class StudioAppFixture : IAsyncLifetime
{
    public const string BotId = "fixture-bank";

    private readonly TempDirectory _data = new();

    public StudioAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new StudioAppFactory(_data.Path);
        (await App.CreateClient().PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(BotId, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        _data.Dispose();
    }
}
