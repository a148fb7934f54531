using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Studio.Tests.Api;
using Studio.Tests.Support;

namespace Studio.Tests.Llm;

/// <summary>A hosted endpoint that accepts connections and never answers: the one fault here that needs a fake.</summary>
public sealed class HostedTimeoutTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TcpListener _fakeSlowEndpoint = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private StudioAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _fakeSlowEndpoint.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    _held.Add(await _fakeSlowEndpoint.AcceptTcpClientAsync()); // accept, read nothing, answer nothing
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
        var port = ((IPEndPoint)_fakeSlowEndpoint.LocalEndpoint).Port;
        _app = new StudioAppFactory(_data.Path, settings: new Dictionary<string, string>
        {
            ["Models:slow:Kind"] = "openai",
            ["Models:slow:Endpoint"] = $"http://127.0.0.1:{port}/v1",
            ["Models:stories:Kind"] = "gguf",
            ["Models:stories:Path"] = RepoPaths.StoriesModel,
            ["Models:stories:ContextSize"] = "256",
            ["HostedModels:AttemptTimeoutSeconds"] = "1",
            ["HostedModels:TotalTimeoutSeconds"] = "3",
            ["HostedModels:Retries"] = "1",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _fakeSlowEndpoint.Stop();
        foreach (var client in _held)
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task SlowHostedEndpoint_Is504_AndTheServerStaysHealthy()
    {
        var client = _app.CreateClient();

        var slow = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "slow", messages = new[] { new { role = "user", content = "hello" } }, max_tokens = 5 });
        var healthy = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "stories", messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 2 });

        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        Assert.Equal("upstream_error", (await slow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }
}
