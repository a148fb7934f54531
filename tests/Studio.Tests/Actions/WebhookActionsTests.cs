using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Studio.Application;
using Studio.Application.Actions;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Tests.Support;

namespace Studio.Tests.Actions;

/// <summary>Action calls over real HTTP, to an API on loopback that the test starts and explicitly allows.</summary>
public sealed class WebhookActionsTests : IAsyncLifetime
{
    private const string Token = "s3cret-token-value";
    private LoopbackApi _api = default!;
    private IHost _host = default!;
    private int _flaky;

    public async Task InitializeAsync()
    {
        _api = await LoopbackApi.StartAsync(app =>
        {
            app.MapGet("/accounts/{account}/balance", (string account) => Results.Json(new { balance = new { amount = "1,234.50", currency = "EUR" }, account, cards = new[] { new { id = "c1" } } }));
            app.MapPost("/cards/block", async (HttpRequest request) => Results.Json(new { blocked = true, card = (await JsonDocument.ParseAsync(request.Body)).RootElement.GetProperty("card").GetString() }));
            app.MapGet("/slow", async (CancellationToken cancellationToken) => { await Task.Delay(Timeout.Infinite, cancellationToken); return Results.Ok(); });
            app.MapGet("/html", () => Results.Content("<html>not json</html>", "text/html"));
            app.MapGet("/big", () => Results.Content("{\"padding\": \"" + new string('x', 40_000) + "\"}", "application/json"));
            app.MapGet("/fails", () => Results.StatusCode(503));
            app.MapPost("/fails", () => Results.StatusCode(503));
            app.MapGet("/flaky", () => Interlocked.Increment(ref _flaky) == 1 ? Results.StatusCode(503) : Results.Json(new { ok = "yes" }));
            app.MapGet("/moved", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        });
        _host = Host(allowLoopback: true);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _api.DisposeAsync();
    }

    private static IHost Host(bool allowLoopback)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actions:Secrets:BANK_TOKEN"] = Token,
            ["Actions:AllowedHosts:0"] = allowLoopback ? "127.0.0.1" : "bank.example",
            ["Actions:MaxAnswerBytes"] = "16384",
            ["Actions:Retries"] = "2",
        });
        builder.AddStudioActions();
        return builder.Build();
    }

    private ValueTask<ActionCall> CallAsync(ActionDefinition action, Dictionary<string, string>? slots = null, IHost? host = null) =>
        (host ?? _host).Services.GetRequiredService<WebhookActions>().CallAsync(action, slots ?? [], CancellationToken.None);

    [Fact]
    public async Task AGet_FillsItsUrlFromSlots_SendsTheSecretHeader_AndMapsTheAnswerIntoSlots_WithNoSecretInTheTrace()
    {
        var action = new ActionDefinition
        {
            Name = "check_balance",
            Url = _api.BaseUrl + "/accounts/{account}/balance",
            Headers = new() { ["Authorization"] = "Bearer {secret:BANK_TOKEN}" },
            Map = new() { ["balance"] = "$.balance.amount", ["card"] = "$.cards[0].id", ["nothing"] = "$.absent" },
        };

        var call = await CallAsync(action, new() { ["account"] = "12 34" });

        Assert.True(call.Succeeded, call.Detail);
        Assert.Equal(200, call.Status);
        Assert.Equal("1,234.50", call.Slots["balance"]);
        Assert.Equal("c1", call.Slots["card"]);
        Assert.Contains("$.absent", call.Detail);
        var received = Assert.Single(_api.Requests);
        Assert.Equal("/accounts/12%2034/balance", received.PathAndQuery);
        Assert.Equal("Bearer " + Token, received.Headers["Authorization"]);
        Assert.DoesNotContain(Token, JsonSerializer.Serialize(call), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APost_SendsItsBodyAsJson_WithSlotValuesEscaped()
    {
        var action = new ActionDefinition { Name = "block_card", Method = "POST", Url = _api.BaseUrl + "/cards/block", Body = "{\"card\": \"{card}\"}", Map = new() { ["blocked_card"] = "$.card" } };

        var call = await CallAsync(action, new() { ["card"] = "41\"11" });

        Assert.True(call.Succeeded, call.Detail);
        Assert.Equal("41\"11", call.Slots["blocked_card"]);
        Assert.StartsWith("application/json", Assert.Single(_api.Requests).Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowEndpoint_FailsWithinTheActionsTimeout()
    {
        var call = await CallAsync(new ActionDefinition { Name = "slow", Url = _api.BaseUrl + "/slow", TimeoutMs = 300 });

        Assert.False(call.Succeeded);
        Assert.Null(call.Status);
        Assert.Contains("300 ms", call.Detail);
    }

    [Theory]
    [InlineData("/html", "not JSON", false)]
    [InlineData("/big", "cut at the size limit", true)]
    [InlineData("/fails", "503", false)]
    [InlineData("/moved", "302", false)]
    public async Task AnAnswerThatIsNotUsableJson_IsAFailure_SayingWhy(string path, string why, bool truncated)
    {
        var call = await CallAsync(new ActionDefinition { Name = "bad", Url = _api.BaseUrl + path });

        Assert.False(call.Succeeded);
        Assert.Contains(why, call.Detail);
        Assert.Equal(truncated, call.Truncated);
        Assert.DoesNotContain(_api.Requests, r => r.PathAndQuery.Contains("meta-data", StringComparison.Ordinal)); // a redirect is never followed
    }

    [Fact]
    public async Task ATransientFailure_IsRetried_ForAGet_ButAPostIsTriedOnce()
    {
        var get = await CallAsync(new ActionDefinition { Name = "flaky", Url = _api.BaseUrl + "/flaky", Map = new() { ["ok"] = "$.ok" } });
        var post = await CallAsync(new ActionDefinition { Name = "fails", Method = "POST", Url = _api.BaseUrl + "/fails", Body = "{}" });

        Assert.True(get.Succeeded, get.Detail);
        Assert.Equal("yes", get.Slots["ok"]);
        Assert.Equal(2, _api.Requests.Count(r => r.PathAndQuery == "/flaky"));
        Assert.False(post.Succeeded);
        Assert.Equal(1, _api.Requests.Count(r => r.PathAndQuery == "/fails"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/accounts/1/balance", "this machine")]
    [InlineData("http://localhost:{port}/accounts/1/balance", "this machine")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/accounts/1/balance", "this machine")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "link-local")]
    [InlineData("http://[2002:7f00:1::]:{port}/accounts/1/balance", "this machine")]
    [InlineData("http://192.0.0.192/opc/v2/instance/", "metadata")]
    public async Task AnAddressOnThisMachineOrLinkLocal_IsRefused_UnlessTheHostIsAllowed(string url, string why)
    {
        using var strict = Host(allowLoopback: false);
        var port = new Uri(_api.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var call = await CallAsync(new ActionDefinition { Name = "inside", Url = url.Replace("{port}", port, StringComparison.Ordinal), TimeoutMs = 3000 }, host: strict);

        Assert.False(call.Succeeded);
        Assert.Contains(why, call.Detail);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task ASecretNotConfigured_IsNamed_AndNothingIsSent()
    {
        var call = await CallAsync(new ActionDefinition { Name = "x", Url = _api.BaseUrl + "/accounts/1/balance", Headers = new() { ["X-Key"] = "{secret:MISSING}" } });

        Assert.False(call.Succeeded);
        Assert.Contains("MISSING", call.Detail);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task ASlotValue_CannotAddAHeader()
    {
        var action = new ActionDefinition { Name = "x", Url = _api.BaseUrl + "/accounts/1/balance", Headers = new() { ["X-Customer"] = "{customer}" } };

        var call = await CallAsync(action, new() { ["customer"] = "ann\r\nX-Injected: yes" });

        Assert.True(call.Succeeded, call.Detail);
        var received = Assert.Single(_api.Requests);
        Assert.False(received.Headers.ContainsKey("X-Injected"));
        Assert.Equal("annX-Injected: yes", received.Headers["X-Customer"]);
    }
}
