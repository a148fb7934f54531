using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>
/// Action nodes through the studio's and the runtime's APIs: the banking template's actions against the demo bank,
/// one against an API on loopback that the test starts (allowed by name), and what save and publish refuse.
/// </summary>
public sealed class ActionsApiTests(ActionsApiTests.Host host) : IClassFixture<ActionsApiTests.Host>
{
    private const string Token = "tok-7f3a-never-shown";
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    public sealed class Host : IAsyncLifetime
    {
        private readonly TempDirectory _data = new();

        public StudioAppFactory App { get; private set; } = default!;

        public LoopbackApi Api { get; private set; } = default!;

        public HttpClient Studio { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Api = await LoopbackApi.StartAsync(app =>
                app.MapGet("/crm/customers/{id}", (string id, HttpRequest request) => request.Headers.Authorization == "Bearer " + Token
                    ? Results.Json(new { customer = new { id, tier = "gold" } })
                    : Results.StatusCode(401)));
            App = new StudioAppFactory(_data.Path, settings: new Dictionary<string, string>
            {
                ["Actions:Secrets:CRM_TOKEN"] = Token,
                ["Actions:AllowedHosts:0"] = "127.0.0.1",
            });
            Studio = App.CreateClient();
            (await Studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("action-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Api.DisposeAsync();
            _data.Dispose();
        }
    }

    [Fact]
    public async Task TheTemplatesActions_AreServed_AndEachReplySaysWhatWasCalled_WithItsStatusAndTime()
    {
        (await host.Studio.PostAsJsonAsync("/api/studio/bots/action-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync("action-bank");
        const string url = "/api/bots/action-bank/production/conversations/balance-1/messages";

        await runtime.PostAsJsonAsync(url, new { text = "what's my balance" });
        var answered = await (await runtime.PostAsJsonAsync(url, new { text = "it's 12345678" })).Content.ReadFromJsonAsync<JsonElement>();

        var call = Assert.Single(answered.GetProperty("actions").EnumerateArray());
        Assert.Equal("check_balance", call.GetProperty("action").GetString());
        Assert.Equal(200, call.GetProperty("status").GetInt32());
        Assert.True(call.GetProperty("durationMs").GetDouble() >= 0);
        var balance = answered.GetProperty("slots").GetProperty("balance").GetString()!;
        Assert.Contains($"**{balance} EUR**", answered.GetProperty("markdown")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("balance/look_up", answered.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task AnActionWithASecretHeader_ReachesTheApi_AndTheSecretIsInNoReply_NoDraft_AndNoVersion()
    {
        await EditAsync(bot =>
        {
            bot.Actions.Add(new ActionDefinition
            {
                Name = "customer_tier", Url = host.Api.BaseUrl + "/crm/customers/{customer|c-100}", Headers = new() { ["Authorization"] = "Bearer {secret:CRM_TOKEN}" },
                Map = new() { ["tier"] = "$.customer.tier" },
            });
            var flow = bot.Flows.Single(f => f.Name == "card_arrival");
            flow.Nodes.Single(n => n.Id == "start").Next = "tier";
            flow.Nodes.Add(new FlowNode { Id = "tier", Type = FlowNodeType.Action, Action = "customer_tier", Next = "answer", OnError = "answer" });
        });
        var published = await host.Studio.PostAsJsonAsync("/api/studio/bots/action-bank/publish", new { alias = "crm" });
        published.EnsureSuccessStatusCode();
        var runtime = await KeyedClientAsync("action-bank");

        var reply = await runtime.PostAsJsonAsync("/api/bots/action-bank/crm/conversations/tier-1/messages", new { text = "when will my new card arrive" });
        var body = await reply.Content.ReadAsStringAsync();

        var call = JsonDocument.Parse(body).RootElement.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "customer_tier");
        Assert.True(call.GetProperty("succeeded").GetBoolean(), body);
        Assert.Contains(host.Api.Requests, r => r.Headers.GetValueOrDefault("Authorization") == "Bearer " + Token);
        Assert.DoesNotContain(Token, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, await host.Studio.GetStringAsync("/api/studio/bots/action-bank"), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretThatIsNotConfigured_StopsThePublish_NamingIt()
    {
        await host.Studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("unset-secret", TemplateId: "banking"), Json);
        await EditAsync(bot => bot.Actions[0].Headers = new() { ["X-Key"] = "{secret:NOT_SET_ANYWHERE}" }, "unset-secret");

        var refused = await host.Studio.PostAsJsonAsync("/api/studio/bots/unset-secret/publish", new { alias = "production" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("NOT_SET_ANYWHERE", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await host.Studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/unset-secret/versions")).GetArrayLength());
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]/x")]
    [InlineData("http://localhost:9/x")]
    [InlineData("file:///etc/passwd")]
    public async Task AnActionAddressedInsideTheMachine_IsRefusedAtSave_AtItsUrl(string url)
    {
        var draft = await host.Studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/action-bank");
        var bot = JsonSerializer.Deserialize<BotDefinition>(draft.GetProperty("bot").GetRawText(), Json)!;
        bot.Actions[0].Url = url;

        var saved = await host.Studio.PutAsJsonAsync("/api/studio/bots/action-bank", new { revision = draft.GetProperty("revision").GetInt32(), bot }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("/actions/0/url", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task EditAsync(Action<BotDefinition> change, string id = "action-bank")
    {
        var draft = await host.Studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{id}");
        var bot = JsonSerializer.Deserialize<BotDefinition>(draft.GetProperty("bot").GetRawText(), Json)!;
        change(bot);
        (await host.Studio.PutAsJsonAsync($"/api/studio/bots/{id}", new { revision = draft.GetProperty("revision").GetInt32(), bot }, Json)).EnsureSuccessStatusCode();
    }

    private Task<HttpClient> KeyedClientAsync(string bot) => RuntimeKeys.ClientAsync(host.App, host.Studio, "actions " + bot, [bot]);
}
