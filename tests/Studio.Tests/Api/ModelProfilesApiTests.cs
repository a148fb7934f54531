using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Studio.Data;
using Studio.Inference.Models;
using Studio.Tests.Support;

namespace Studio.Tests.Api;

/// <summary>
/// Admins manage model profiles through the API the Models page calls: a local GGUF file, and a hosted endpoint that is
/// this studio's own /v1 over real loopback HTTP, whose key is stored encrypted and used only for the call.
/// </summary>
public sealed class ModelProfilesApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private LoopbackStudio _studio = default!;

    public async Task InitializeAsync() => _studio = await LoopbackStudio.StartAsync(_data.Path, _ => new Dictionary<string, string>
    {
        ["Models:stories:Kind"] = "gguf",
        ["Models:stories:Path"] = RepoPaths.StoriesModel,
        ["Models:stories:ContextSize"] = "256",
    });

    public async Task DisposeAsync()
    {
        await _studio.DisposeAsync();
        _data.Dispose();
    }

    private async Task<JsonElement> ProfileAsync(string id) =>
        (await _studio.Client.GetFromJsonAsync<JsonElement>("/api/studio/models")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);

    private async Task<JsonElement> TestAsync(string id)
    {
        var response = await _studio.Client.PostAsync($"/api/studio/models/{id}/test", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ALocalGguf_IsAdded_Tested_Edited_AndRemoved_AndServesAsARung()
    {
        var created = await _studio.Client.PostAsJsonAsync("/api/studio/models",
            new { id = "tiny", kind = "gguf", displayName = "Tiny stories", path = RepoPaths.StoriesModel, contextSize = 256, threads = 1, chatTemplate = "chatml" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await ProfileAsync("tiny");
        Assert.Equal(("studio", true, true), (view.GetProperty("source").GetString(), view.GetProperty("editable").GetBoolean(), view.GetProperty("available").GetBoolean()));
        Assert.Equal(("configuration", false), ((await ProfileAsync("stories")).GetProperty("source").GetString(), (await ProfileAsync("stories")).GetProperty("editable").GetBoolean()));
        var test = await TestAsync("tiny");
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString());
        Assert.True(test.GetProperty("milliseconds").GetDouble() > 0);
        Assert.Contains(_studio.App.Services.GetRequiredService<ModelRegistry>().AvailableGenerative, p => p.Id == "tiny");

        // An edit names the revision it started from; a stale one is refused and changes nothing.
        var revision = view.GetProperty("revision").GetInt32();
        var stale = await _studio.Client.PutAsJsonAsync("/api/studio/models/tiny", new { id = "tiny", kind = "gguf", path = RepoPaths.StoriesModel, contextSize = 128, revision = revision - 1 });
        var edited = await _studio.Client.PutAsJsonAsync("/api/studio/models/tiny", new { id = "tiny", kind = "gguf", path = RepoPaths.StoriesModel, contextSize = 128, revision });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(128, (await ProfileAsync("tiny")).GetProperty("contextSize").GetInt32());

        var removed = await _studio.Client.DeleteAsync($"/api/studio/models/tiny?revision={revision + 1}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain((await _studio.Client.GetFromJsonAsync<JsonElement>("/api/studio/models")).EnumerateArray(), p => p.GetProperty("id").GetString() == "tiny");
        Assert.DoesNotContain(_studio.App.Services.GetRequiredService<ModelRegistry>().Profiles, p => p.Id == "tiny");
    }

    [Fact]
    public async Task AHostedKey_IsStoredEncrypted_UsedForTheCall_AndNeverShown()
    {
        var key = (await (await _studio.Client.PostAsJsonAsync("/api/studio/keys", new { name = "for the hosted profile" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("key").GetString()!;

        var created = await _studio.Client.PostAsJsonAsync("/api/studio/models",
            new { id = "self", kind = "openai", endpoint = $"http://127.0.0.1:{_studio.Port}/v1", model = "stories", apiKey = key, parameters = 292_864, pricePerMillionInputTokens = 0.15 });
        var test = await TestAsync("self");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString()); // the studio's own /v1 accepted the decrypted key
        Assert.True((await ProfileAsync("self")).GetProperty("hasStoredKey").GetBoolean());
        Assert.DoesNotContain(key, await _studio.Client.GetStringAsync("/api/studio/models"), StringComparison.Ordinal);
        Assert.DoesNotContain(key, await _studio.Client.GetStringAsync("/models"), StringComparison.Ordinal);
        await using (var db = await _studio.App.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync())
        {
            var row = await db.ModelProfiles.SingleAsync(p => p.Id == "self");
            Assert.NotNull(row.ProtectedApiKey);
            Assert.DoesNotContain(key, row.ProtectedApiKey!, StringComparison.Ordinal);
            Assert.DoesNotContain(key[4..], row.ProtectedApiKey!, StringComparison.Ordinal);
        }

        // A wrong key is saved, and Test says the endpoint refused it.
        var revision = (await ProfileAsync("self")).GetProperty("revision").GetInt32();
        var wrong = await _studio.Client.PutAsJsonAsync("/api/studio/models/self",
            new { id = "self", kind = "openai", endpoint = $"http://127.0.0.1:{_studio.Port}/v1", model = "stories", apiKey = "stu_not-a-real-key", revision });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var refused = await TestAsync("self");
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.Contains("401", refused.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AProfileThatCannotRun_IsSaved_AndMarkedUnavailableWithTheReason()
    {
        var missing = await _studio.Client.PostAsJsonAsync("/api/studio/models", new { id = "missing", kind = "gguf", path = Path.Combine(_data.Path, "nowhere.gguf") });
        var notGguf = await _studio.Client.PostAsJsonAsync("/api/studio/models", new { id = "readme", kind = "gguf", path = Path.Combine(RepoPaths.Root, "README.md") });
        var refused = await _studio.Client.PostAsJsonAsync("/api/studio/models", new { id = "down", kind = "openai", endpoint = $"http://127.0.0.1:{FreePorts.Next()}/v1", model = "x" });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], new[] { missing.StatusCode, notGguf.StatusCode, refused.StatusCode });
        Assert.Contains("nowhere.gguf' does not exist", (await ProfileAsync("missing")).GetProperty("reason").GetString());
        Assert.Contains("is not a GGUF file", (await TestAsync("readme")).GetProperty("reason").GetString());
        var down = await TestAsync("down");
        Assert.False(down.GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(down.GetProperty("reason").GetString()));
    }

    [Fact]
    public void OnlyAdmins_SeeWhereAModelLives()
    {
        var registry = _studio.App.Services.GetRequiredService<ModelRegistry>();

        var asAdmin = Studio.Web.Api.ModelsApi.Views(registry, [], admin: true).Single(v => v.Id == "stories");
        var asOthers = Studio.Web.Api.ModelsApi.Views(registry, [], admin: false).Single(v => v.Id == "stories");

        Assert.Equal(RepoPaths.StoriesModel, asAdmin.Path);
        Assert.Null(asOthers.Path);
        Assert.True(asOthers.Available);
    }

    [Theory]
    [InlineData("""{"id":"encoder","kind":"gguf","path":"x.gguf"}""", HttpStatusCode.Conflict, "built-in rung or is defined in configuration")]
    [InlineData("""{"id":"stories","kind":"gguf","path":"x.gguf"}""", HttpStatusCode.Conflict, "built-in rung or is defined in configuration")]
    [InlineData("""{"id":"Has Spaces","kind":"gguf","path":"x.gguf"}""", HttpStatusCode.BadRequest, "lowercase letters")]
    [InlineData("""{"id":"web","kind":"openai","endpoint":"ftp://example.com/v1","model":"m"}""", HttpStatusCode.BadRequest, "http or https base URL")]
    [InlineData("""{"id":"big","kind":"gguf","path":"x.gguf","contextSize":5}""", HttpStatusCode.BadRequest, "context size")]
    public async Task BadProfiles_AreRefused_WithTheReason(string body, HttpStatusCode status, string reason)
    {
        var response = await _studio.Client.PostAsync("/api/studio/models", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
