using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>Messages and examples built to make entity patterns backtrack are understood (entities or none), never a 500.</summary>
public class PathologicalMessageApiTests
{
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    private static readonly string[] Hostile =
    [
        new string('1', 800),
        "$" + new string('9', 1990),
        "write to " + new string('@', 330) + new string('.', 330) + new string('a', 330),
    ];

    [Fact]
    public async Task HostileExamplesTrain_AndHostileMessagesAreUnderstood_OnEveryRuntimeEndpoint()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var studio = app.CreateClient();
        (await studio.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("digits-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();
        var draft = await studio.GetFromJsonAsync<JsonElement>("/api/studio/bots/digits-bank");
        var bot = JsonSerializer.Deserialize<BotDefinition>(draft.GetProperty("bot").GetRawText(), Json)!;
        bot.Intents[0].Examples.AddRange(Hostile.Where(t => t.Length <= 1000)); // the longest an example may be
        bot.Entities.Add(new EntityDefinition { Name = "repeated", Kind = EntityKind.Regex, Pattern = @"((\d+)+)\1x" });
        (await studio.PutAsJsonAsync("/api/studio/bots/digits-bank", new { revision = draft.GetProperty("revision").GetInt32(), bot }, Json)).EnsureSuccessStatusCode();

        var published = await studio.PostAsJsonAsync("/api/studio/bots/digits-bank/publish", new { alias = "production" });
        var created = await studio.PostAsJsonAsync("/api/studio/keys", new { name = "digits", bots = new[] { "digits-bank" }, requestsPerMinute = 6000 });
        var runtime = app.CreateAnonymousClient();
        runtime.DefaultRequestHeaders.Add("X-Api-Key", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        foreach (var text in Hostile)
        {
            var parse = await runtime.PostAsJsonAsync("/api/bots/digits-bank/production/parse", new { text });
            var message = await runtime.PostAsJsonAsync("/api/bots/digits-bank/production/conversations/hostile/messages", new { text });
            var chat = await runtime.PostAsJsonAsync("/v1/chat/completions", new { model = "digits-bank@production", messages = new[] { new { role = "user", content = text } } });

            Assert.Equal(HttpStatusCode.OK, parse.StatusCode);
            Assert.Equal(HttpStatusCode.OK, message.StatusCode);
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
            Assert.Equal(JsonValueKind.Array, (await parse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entities").ValueKind);
        }
    }
}
