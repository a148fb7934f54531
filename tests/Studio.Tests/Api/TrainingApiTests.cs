using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>Training and analysis through the studio API, on the real encoder and a real SQLite file.</summary>
public class TrainingApiTests
{
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    [Fact]
    public async Task TrainedBankingBot_AnalysesAMessage_WithIntentEntitiesSentimentAndTimings()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("api-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();

        var trained = await client.PostAsync("/api/studio/bots/api-bank/train", null);
        var summary = await trained.Content.ReadFromJsonAsync<JsonElement>();
        var analysis = await (await client.PostAsJsonAsync("/api/studio/bots/api-bank/analyze",
            new { text = "Someone stole my card and spent £250 yesterday, I'm furious" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, trained.StatusCode);
        Assert.Equal(24, summary.GetProperty("intents").GetInt32());
        Assert.Equal("card_lost_or_stolen", analysis.GetProperty("intent").GetProperty("intent").GetString());
        Assert.Equal("negative", analysis.GetProperty("sentiment").GetProperty("label").GetString());
        Assert.Contains(analysis.GetProperty("entities").EnumerateArray(), e => e.GetProperty("value").GetString() == "250.00 GBP");
        Assert.True(analysis.GetProperty("timings").GetArrayLength() >= 4);
    }

    [Fact]
    public async Task RetrainingAfterOneNewExample_EmbedsOnlyThatExample()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        var draft = (await (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("cache-bank", TemplateId: "banking"), Json))
            .Content.ReadFromJsonAsync<BotDraftResponse>(Json))!;
        var first = await (await client.PostAsync("/api/studio/bots/cache-bank/train", null)).Content.ReadFromJsonAsync<JsonElement>();

        draft.Bot.Intents[0].Examples.Add("how much have I got left in the joint account this week");
        (await client.PutAsJsonAsync("/api/studio/bots/cache-bank", new SaveBotRequest(draft.Revision, draft.Bot), Json)).EnsureSuccessStatusCode();
        var second = await (await client.PostAsync("/api/studio/bots/cache-bank/train", null)).Content.ReadFromJsonAsync<JsonElement>();

        var examples = Bots.Banking().Intents.Sum(i => i.Examples.Count);
        // The first training embeds every example and every passage of the template's documents.
        Assert.True(first.GetProperty("knowledgePassages").GetInt32() > 100);
        Assert.Equal(examples + first.GetProperty("knowledgePassages").GetInt32(), first.GetProperty("embedded").GetInt32());
        Assert.Equal(1, second.GetProperty("embedded").GetInt32());
        Assert.Equal(examples + 1, second.GetProperty("examples").GetInt32());
    }

    [Fact]
    public async Task LargeRung_AnswersForTheBot_WithTokensAndCost()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string>
        {
            ["Models:stories:Kind"] = "gguf",
            ["Models:stories:Path"] = RepoPaths.StoriesModel,
            ["Models:stories:ContextSize"] = "4096",
            ["Models:stories:PricePerMillionInputTokens"] = "1",
        });
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("llm-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();
        var intents = Bots.Banking().Intents.Select(i => i.Name).ToList();

        var answer = await (await client.PostAsJsonAsync("/api/studio/bots/llm-bank/analyze-llm", new { text = "where is my new card", model = "stories" })).Content.ReadFromJsonAsync<JsonElement>();
        var missing = await (await client.PostAsJsonAsync("/api/studio/bots/llm-bank/analyze-llm", new { text = "hello", model = "nope" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains(answer.GetProperty("intent").GetProperty("value").GetString(), intents);
        Assert.Contains(answer.GetProperty("sentiment").GetProperty("value").GetString(), new[] { "negative", "neutral", "positive" });
        Assert.True(answer.GetProperty("inputTokens").GetInt64() > 100);
        Assert.True(answer.GetProperty("cost").GetDecimal() > 0);
        Assert.Contains("no model 'nope'", missing.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(null, "the limit is 2,000")]
    public async Task EmptyOrOversizeMessage_IsRefusedWithTheReason(string? text, string reason)
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("limits-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync("/api/studio/bots/limits-bank/analyze", new { text = text ?? new string('x', TrainingApi.MaxMessageLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BotWithoutExamples_CannotBeTrained_AndSaysWhatToAdd()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("empty-bot"), Json)).EnsureSuccessStatusCode();

        var response = await client.PostAsync("/api/studio/bots/empty-bot/train", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("add at least one intent with examples", await response.Content.ReadAsStringAsync());
    }
}
