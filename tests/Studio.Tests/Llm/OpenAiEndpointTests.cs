using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Studio.Inference.Models;
using Studio.Tests.Api;
using Studio.Tests.Support;

namespace Studio.Tests.Llm;

/// <summary>Studio's OpenAI-compatible endpoint serving stories260K, and the hosted connector talking to it over loopback.</summary>
public sealed class OpenAiEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private LoopbackStudio _studio = default!;

    // The hosted profile "upstream" is this studio's own /v1, which wants a key: a variable of this test's own holds it.
    private readonly string _keyVariable = "STUDIO_TEST_UPSTREAM_KEY_" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        // A real server on loopback, so the hosted connector goes through real HTTP.
        _studio = await LoopbackStudio.StartAsync(_data.Path, port => new Dictionary<string, string>
        {
            ["Models:stories:Kind"] = "gguf",
            ["Models:stories:Path"] = RepoPaths.StoriesModel,
            ["Models:stories:ContextSize"] = "256",
            ["Models:upstream:Kind"] = "openai",
            ["Models:upstream:Endpoint"] = $"http://127.0.0.1:{port}/v1",
            ["Models:upstream:Model"] = "stories",
            ["Models:upstream:ApiKeyVariable"] = _keyVariable,
            ["Models:down:Kind"] = "openai",
            ["Models:down:Endpoint"] = $"http://127.0.0.1:{FreePorts.Next()}/v1",
        });
        var key = await (await _studio.Client.PostAsJsonAsync("/api/studio/keys", new { name = "upstream" })).Content.ReadFromJsonAsync<JsonElement>();
        Environment.SetEnvironmentVariable(_keyVariable, key.GetProperty("key").GetString());
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        await _studio.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Models_ListsTheGenerativeProfiles()
    {
        var models = await _studio.Client.GetFromJsonAsync<JsonElement>("/v1/models");

        var ids = models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("stories", ids);
        Assert.DoesNotContain("encoder", ids);
    }

    [Fact]
    public async Task Completion_HasTheOpenAiShape_WithUsage()
    {
        var response = await _studio.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "stories", messages = new[] { new { role = "user", content = "Once upon a time" } }, max_tokens = 12, temperature = 0 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal("length", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(12, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Streaming_SendsChunks_UsageAndDone()
    {
        var response = await _studio.Client.PostAsync("/v1/chat/completions", Json(new { model = "stories", messages = new[] { new { role = "user", content = "Once upon a time" } }, max_tokens = 6, stream = true }));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("data: [DONE]", events[^1]);
        var usage = JsonDocument.Parse(events[^2]["data: ".Length..]).RootElement.GetProperty("usage");
        Assert.Equal(6, usage.GetProperty("completion_tokens").GetInt32());
        Assert.True(events.Length >= 8);
    }

    [Fact]
    public async Task HostedConnector_AndLocalModel_AgreeOnARoundTrip()
    {
        using var registry = new ModelRegistry(new Dictionary<string, ModelProfileOptions>
        {
            ["local"] = new() { Kind = ModelKind.Gguf, Path = RepoPaths.StoriesModel, ContextSize = 256 },
            ["hosted"] = new() { Kind = ModelKind.OpenAi, Endpoint = $"http://127.0.0.1:{_studio.Port}/v1", Model = "stories", ApiKeyVariable = _keyVariable },
        }, _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 16, Seed = 3 };

        var local = await registry.ChatClient("local").GetResponseAsync("Once upon a time", options);
        var hosted = await registry.ChatClient("hosted").GetResponseAsync("Once upon a time", options);

        Assert.Equal(local.Text, hosted.Text);
        Assert.Equal(local.Usage!.OutputTokenCount, hosted.Usage!.OutputTokenCount);
        Assert.Equal(local.Usage.InputTokenCount, hosted.Usage.InputTokenCount);
    }

    [Fact]
    public async Task StudioCanServeAHostedProfile_AndReportsADownEndpointAs502()
    {
        var relayed = await _studio.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "upstream", messages = new[] { new { role = "user", content = "Once upon a time" } }, max_tokens = 5 });
        var down = await _studio.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "down", messages = new[] { new { role = "user", content = "hello" } }, max_tokens = 5 });

        Assert.Equal(HttpStatusCode.OK, relayed.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        Assert.Equal("upstream_error", (await down.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task JsonSchemaResponseFormat_IsEnforcedOnALocalModel()
    {
        var response = await _studio.Client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "stories",
            messages = new[] { new { role = "user", content = "Once upon a time" } },
            max_tokens = 40,
            temperature = 1.0,
            response_format = new
            {
                type = "json_schema",
                json_schema = new { name = "choice", schema = new { type = "object", properties = new { intent = new { type = "string", @enum = new[] { "greet", "bye" } } } } },
            },
        });
        var content = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

        Assert.Contains(JsonDocument.Parse(content).RootElement.GetProperty("intent").GetString(), new[] { "greet", "bye" });
    }

    [Fact]
    public async Task HostedRung_ClassifiesThroughStructuredOutput_WithCost()
    {
        using var registry = new ModelRegistry(new Dictionary<string, ModelProfileOptions>
        {
            ["hosted"] = new() { Kind = ModelKind.OpenAi, Endpoint = $"http://127.0.0.1:{_studio.Port}/v1", Model = "stories", ApiKeyVariable = _keyVariable, PricePerMillionInputTokens = 1m, PricePerMillionOutputTokens = 4m },
        }, _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);
        var tasks = new Studio.Inference.Llm.LlmTasks(registry.ChatClient("hosted"), registry.Find("hosted")!);

        var result = await tasks.ClassifyIntentAsync("see you later", Bots.Small());

        Assert.Contains(result.Value, new[] { "greet", "bye" });
        Assert.True(result.InputTokens > 0 && result.OutputTokens > 0);
        Assert.Equal(((result.InputTokens * 1m) + (result.OutputTokens * 4m)) / 1_000_000m, result.Cost);
    }

    [Theory]
    [InlineData("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404, "model_not_found")]
    [InlineData("{\"model\":\"stories\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}", 400, "max_tokens")]
    [InlineData("{\"model\":\"stories\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1000000}", 400, "max_tokens")]
    [InlineData("{\"model\":\"stories\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", 400, "messages[0].role")]
    [InlineData("{not json", 400, "parse the JSON")]
    public async Task BadRequests_GetOpenAiErrors_AndTheServerStaysHealthy(string body, int status, string mention)
    {
        var response = await _studio.Client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Contains(mention, error.ToString());
        var healthy = await _studio.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "stories", messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 2 });
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task PromptLongerThanTheContext_Is400_ContextLengthExceeded()
    {
        var response = await _studio.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "stories", messages = new[] { new { role = "user", content = string.Concat(Enumerable.Repeat("once upon a time ", 200)) } }, max_tokens = 8 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("context_length_exceeded", await response.Content.ReadAsStringAsync());
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
