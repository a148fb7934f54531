using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Studio.Tests.Api;

/// <summary>A reply's rich parts as callers get them: structured on the runtime API, lines of text through <c>bot@alias</c>.</summary>
[Collection(PublishedBotGroup.Name)]
public sealed class RichReplyApiTests(PublishedBotHost host)
{
    private static CancellationToken Patience => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [Fact]
    public async Task TheRuntimeReply_CarriesTheResponseSaid_AndItsQuickReplies_AsData()
    {
        var answer = await host.Keyed.PostAsJsonAsync($"/api/bots/{PublishedBotHost.BotId}/production/conversations/rich-1/messages", new { text = "hi there" }, Patience);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var reply = await answer.Content.ReadFromJsonAsync<JsonElement>(Patience);
        Assert.Equal(["greeting"], reply.GetProperty("responses").EnumerateArray().Select(r => r.GetString()));
        var buttons = reply.GetProperty("buttons").EnumerateArray().ToList();
        Assert.Equal(["My balance", "I lost my card", "Talk to a person"], buttons.Select(b => b.GetProperty("title").GetString()));
        Assert.Equal("/check_balance", buttons[0].GetProperty("payload").GetString());
        Assert.All(buttons, b => Assert.True(b.GetProperty("quickReply").GetBoolean()));
        Assert.Equal(0, reply.GetProperty("links").GetArrayLength());
        Assert.Equal(0, reply.GetProperty("cards").GetArrayLength());
    }

    [Fact]
    public async Task AChatCompletionsClient_GetsTheQuickRepliesAsNumberedLines()
    {
        var answer = await host.Keyed.PostAsJsonAsync("/v1/chat/completions",
            new { model = PublishedBotHost.BotId + "@production", messages = new[] { new { role = "user", content = "hi there" } } }, Patience);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var content = (await answer.Content.ReadFromJsonAsync<JsonElement>(Patience)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.EndsWith("1. My balance\n2. I lost my card\n3. Talk to a person", content.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task APublishedVersion_FreezesThePromptsItServes()
    {
        var version = await host.Studio.GetFromJsonAsync<JsonElement>($"/api/studio/bots/{PublishedBotHost.BotId}/versions/1", Patience);

        var document = Studio.Core.Documents.BotDocuments.Read(version.GetProperty("document").GetString()!, Studio.Core.Documents.BotDocumentFormat.Json).Bot!;
        Assert.Equal(["terse", "zero-shot"], document.Prompts.Select(p => p.Name));
        Assert.Equal(Studio.Core.Bots.ShotSelection.None, document.Prompts[1].Examples);
    }
}
