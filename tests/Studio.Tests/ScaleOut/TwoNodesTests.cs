using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Tests.Api;
using Studio.Tests.Support;
using Studio.Core.Documents;
using Studio.Web.Api;

namespace Studio.Tests.ScaleOut;

/// <summary>A studio and a runtime node on one PostgreSQL database and one Redis: what one node learns, the other knows.</summary>
public sealed class TwoNodesTests(TwoNodesFixture nodes) : IClassFixture<TwoNodesFixture>
{
    private const string Messages = $"/api/bots/{TwoNodesFixture.BotId}/production/conversations";

    [Fact]
    public async Task AConversation_ContinuesFromItsOwnState_OnTheOtherNode()
    {
        using var studio = nodes.RuntimeClient(nodes.Studio);
        using var node = nodes.RuntimeClient(nodes.Node);

        var first = await SendAsync(studio, "two-nodes-1", "I've lost my card somewhere");
        Assert.Contains("last four digits", first.GetProperty("replies")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("which_card", first.GetProperty("nodes").EnumerateArray().Last().GetString(), StringComparison.Ordinal);

        // The digits go to the other node, which knows from Redis that the conversation is waiting for them.
        var second = await SendAsync(node, "two-nodes-1", "it ends in 4821");
        Assert.Equal("4821", second.GetProperty("slots").GetProperty("card_last_four").GetString());

        // Another conversation with the same id under another key is not this one.
        var otherKey = await nodes.CreateKeyAsync("other-shop", 60000);
        using var other = nodes.RuntimeClient(nodes.Node, otherKey);
        var fresh = await SendAsync(other, "two-nodes-1", "it ends in 4821");
        Assert.False(fresh.GetProperty("slots").TryGetProperty("card_last_four", out _));
    }

    [Fact]
    public async Task AnAliasMovedInTheStudio_IsServedByTheRuntimeNode()
    {
        using var node = nodes.RuntimeClient(nodes.Node);
        var before = await ParseVersionAsync(node);
        var noticesBefore = nodes.NodeNotices.ReceivedFromOtherNodes;

        await ChangeDraftAsync();
        var newer = await nodes.PublishAsync("candidate");
        Assert.NotEqual(before, newer);
        (await nodes.Designer.PutAsJsonAsync($"/api/studio/bots/{TwoNodesFixture.BotId}/aliases/production", new PublishingApi.AliasBody(newer))).EnsureSuccessStatusCode();

        // The move reaches the node as a notice through Redis (the node's alias cache would also lapse within a second).
        await Eventually.TrueAsync(() => Task.FromResult(nodes.NodeNotices.ReceivedFromOtherNodes > noticesBefore), "the node hears of the move");
        Assert.Equal(newer, await ParseVersionAsync(node));

        (await nodes.Designer.PutAsJsonAsync($"/api/studio/bots/{TwoNodesFixture.BotId}/aliases/production", new PublishingApi.AliasBody(before))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => await ParseVersionAsync(node) == before, "the rollback is served");
    }

    [Fact]
    public async Task AKeyRevokedInTheStudio_IsRefusedByTheRuntimeNode_WithoutWaitingForItsCache()
    {
        var secret = await nodes.CreateKeyAsync("to-revoke", 60000);
        using var node = nodes.RuntimeClient(nodes.Node, secret);
        Assert.Equal(HttpStatusCode.OK, (await ParseAsync(node)).StatusCode); // now cached on the node for ten seconds

        var keys = await nodes.Designer.GetFromJsonAsync<JsonElement>("/api/studio/keys");
        var id = keys.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "to-revoke").GetProperty("id").GetInt64();
        var noticesBefore = nodes.NodeNotices.ReceivedFromOtherNodes;
        (await nodes.Designer.DeleteAsync($"/api/studio/keys/{id}")).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => Task.FromResult(nodes.NodeNotices.ReceivedFromOtherNodes > noticesBefore), "the node hears of the revocation");
        Assert.Equal(HttpStatusCode.Unauthorized, (await ParseAsync(node)).StatusCode);
    }

    [Fact]
    public async Task ABotRetiredInTheStudio_IsNoLongerServedByTheRuntimeNode()
    {
        const string retiring = "retiring-bank";
        (await nodes.Designer.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest(retiring, TemplateId: "banking"), BotJson.Options)).EnsureSuccessStatusCode();
        (await nodes.Designer.PostAsJsonAsync($"/api/studio/bots/{retiring}/publish", new { alias = "production", overrideReason = "scale-out tests" })).EnsureSuccessStatusCode();
        var key = await nodes.Designer.PostAsJsonAsync("/api/studio/keys", new { name = "retiring", bots = new[] { retiring }, requestsPerMinute = 6000 });
        using var node = nodes.RuntimeClient(nodes.Node, (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        var parse = $"/api/bots/{retiring}/production/parse";
        Assert.Equal(HttpStatusCode.OK, (await node.PostAsJsonAsync(parse, new { text = "I lost my card" })).StatusCode);

        (await nodes.Designer.PostAsJsonAsync($"/api/studio/bots/{retiring}/retire", new RetireBotRequest("replaced by the new bank bot"))).EnsureSuccessStatusCode();

        HttpResponseMessage? refused = null;
        await Eventually.TrueAsync(async () => (refused = await node.PostAsJsonAsync(parse, new { text = "I lost my card" })).StatusCode == HttpStatusCode.Gone, "the node stops serving the retired bot");
        Assert.Contains("retired", await refused!.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeysRate_IsOneBudgetAcrossNodes()
    {
        // Six a minute: a burst of one, then one every ten seconds, wherever the requests land.
        var secret = await nodes.CreateKeyAsync("slow", 6);
        using var studio = nodes.RuntimeClient(nodes.Studio, secret);
        using var node = nodes.RuntimeClient(nodes.Node, secret);

        Assert.Equal(HttpStatusCode.OK, (await ParseAsync(studio)).StatusCode);
        var refused = await ParseAsync(node);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("6 requests a minute", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRuntimeNode_ServesNoStudioPagesOrAccounts_AndSaysItIsReady()
    {
        using var anonymous = nodes.Node.CreateAnonymousClient();
        foreach (var path in new[] { "/", "/bots", "/account/login", "/api/studio/bots", "/api/reference" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode} on a runtime node");
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/widget.js")).StatusCode);
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Contains("PostgreSQL", checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Redis answers", checks.GetProperty("redis").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("models").GetProperty("status").GetString());
        Assert.DoesNotContain("Password", await ready.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, string conversation, string text)
    {
        var response = await client.PostAsJsonAsync($"{Messages}/{conversation}/messages", new { text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> ParseAsync(HttpClient client) =>
        client.PostAsJsonAsync($"/api/bots/{TwoNodesFixture.BotId}/production/parse", new { text = "what's my balance" });

    private static async Task<int> ParseVersionAsync(HttpClient client)
    {
        var response = await ParseAsync(client);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    // A new version needs a changed draft: the bot's description.
    private async Task ChangeDraftAsync()
    {
        var draft = await nodes.Designer.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{TwoNodesFixture.BotId}");
        var bot = JsonSerializer.Deserialize<Studio.Core.Bots.BotDefinition>(draft.GetProperty("bot").GetRawText(), BotJson.Options)!;
        bot.Description = $"changed {Guid.NewGuid():N}";
        (await nodes.Designer.PutAsJsonAsync($"/api/studio/bots/{TwoNodesFixture.BotId}", new { revision = draft.GetProperty("revision").GetInt32(), bot }, BotJson.Options)).EnsureSuccessStatusCode();
    }
}
