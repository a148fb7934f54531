using Studio.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Studio.Inference.Bots;

namespace Studio.Tests.Api;

/// <summary>The OpenAI-compatible endpoint as callers meet it: who may call, what a body may cost, what the official clients send.</summary>
[Collection(PublishedBotGroup.Name)]
public sealed class OpenAiBotTests(PublishedBotHost host)
{
    private const string Model = PublishedBotHost.BotId + "@production";

    // No wait in these tests depends on the machine: a stuck request fails here instead of hanging the run.
    private static CancellationToken Patience => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [Fact]
    public async Task ATwentyTurnHistory_CostsAboutOneTurnOfUnderstanding()
    {
        var messages = new List<object> { new { role = "system", content = "You are the bank's assistant." } };
        for (var i = 0; i < 19; i++)
        {
            messages.Add(new { role = "user", content = i == 0 ? "I lost my card" : $"sorry, I was distracted for a moment ({i})" });
            messages.Add(new { role = "assistant", content = "What are the last four digits?" });
        }

        messages.Add(new { role = "user", content = "what is my balance" });
        using var encoded = new EncodedMessages(PublishedBotHost.BotId);

        var answer = await host.Keyed.PostAsJsonAsync("/v1/chat/completions", new { model = Model, messages }, Patience);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        // The last turn is understood in full; the nineteen before it only restore the state, without the encoder.
        Assert.InRange(encoded.Count, 1, 2);
    }

    [Fact]
    public async Task Models_ListWhatTheCallerMayUse()
    {
        var keyed = await host.Keyed.GetFromJsonAsync<JsonElement>("/v1/models", Patience);
        var other = await host.OtherKeyed.GetFromJsonAsync<JsonElement>("/v1/models", Patience);
        var signedIn = await host.Studio.GetAsync("/v1/models", Patience);
        var anonymous = await host.App.CreateAnonymousClient().GetAsync("/v1/models", Patience);

        Assert.Contains(Model, Ids(keyed));
        Assert.DoesNotContain(Model, Ids(other));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task ContentParts_AsTheOfficialClientSendsThem_AreAccepted_AndOtherPartsAreRefusedByName()
    {
        // The body the official openai client sends for client.chat.completions.create(model=…, messages=[…], n=1, temperature=0.7, stream=False, user=…).
        const string official = """
            {"messages":[{"role":"user","content":[{"type":"text","text":"I lost my card"}]},{"role":"assistant","content":"What are the last four digits?"},
            {"role":"user","content":[{"type":"text","text":"it ends in"},{"type":"text","text":"4821"}]}],
            "model":"openai-bank@production","n":1,"stream":false,"temperature":0.7,"top_p":1,"user":"customer-7","metadata":{"channel":"web"},"store":false}
            """;
        const string withImage = """
            {"model":"openai-bank@production","messages":[{"role":"user","content":[{"type":"text","text":"is this my card?"},{"type":"image_url","image_url":{"url":"https://example.com/card.png"}}]}]}
            """;

        var accepted = await host.Keyed.PostAsync("/v1/chat/completions", new StringContent(official, Encoding.UTF8, "application/json"), Patience);
        var refused = await host.Keyed.PostAsync("/v1/chat/completions", new StringContent(withImage, Encoding.UTF8, "application/json"), Patience);

        var completion = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("4821", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()); // the parts reached the bot
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Contains("'image_url'", error.GetProperty("message").GetString());
        Assert.Equal("messages[0].content[1]", error.GetProperty("param").GetString());
    }

    private static IEnumerable<string?> Ids(JsonElement models) => models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString());
}
