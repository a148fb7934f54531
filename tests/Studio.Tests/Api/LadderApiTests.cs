using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Jobs;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>The walk down the ladder through the studio API, on the real encoder, n-grams and the stories GGUF.</summary>
public class LadderApiTests
{
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    [Fact]
    public async Task TheWalk_RunsEveryRungLargestFirst_StoresItsRuns_AndRecommendsASmallSetupWithLevers()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path, settings: new Dictionary<string, string>
        {
            ["Models:stories:Kind"] = "gguf", ["Models:stories:Path"] = RepoPaths.StoriesModel, ["Models:stories:ContextSize"] = "4096",
            ["Studio:MaxUploadBytes"] = "4000",
        });
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("ladder-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();
        var before = await client.GetAsync("/api/studio/bots/ladder-bank/ladder");

        // A few messages: the story model takes seconds for each.
        const string csv = "text,label\nI lost my card,card_lost_or_stolen\nwhat's my balance,check_balance\nmy card still hasn't arrived,card_arrival\n"
            + "someone stole my card,card_lost_or_stolen\nhow much money do I have,check_balance\n";
        var accepted = await client.PostAsJsonAsync("/api/studio/bots/ladder-bank/ladder", new { tolerance = 1, csv });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetString()!;
        await app.Services.GetRequiredService<JobRunner>().WhenFinished(job)!.WaitAsync(TimeSpan.FromMinutes(10));
        var outcome = await client.GetFromJsonAsync<JsonElement>("/api/studio/bots/ladder-bank/ladder");
        var badSuite = await client.PostAsJsonAsync("/api/studio/bots/ladder-bank/ladder", new { csv = "text,label\nhi,nope\n" });
        var badTolerance = await client.PostAsJsonAsync("/api/studio/bots/ladder-bank/ladder", new { tolerance = -1 });
        var oversize = await client.PostAsJsonAsync("/api/studio/bots/ladder-bank/ladder", new { csv = "text,label\n" + string.Concat(Enumerable.Repeat("I lost my card,card_lost_or_stolen\n", 200)) });
        var tooManyFolds = await client.PostAsJsonAsync("/api/studio/bots/ladder-bank/ladder", new { folds = 500 });
        var polled = await client.GetFromJsonAsync<JsonElement>($"/api/studio/jobs/{job}");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        var walk = outcome.GetProperty("walk");
        var steps = walk.GetProperty("steps").EnumerateArray().ToList();
        // A large model of unknown size ranks above the small rungs; the encoder (22.7M) above the n-grams.
        Assert.Equal(["stories", "encoder", "ngram"], steps.Select(s => s.GetProperty("rung").GetProperty("setup").GetString()));
        Assert.StartsWith("uploaded CSV (5 messages)", outcome.GetProperty("suite").GetString());
        // The 260K-parameter story model cannot read banking intents: it is the step that does not hold, not the one served.
        var accuracy = steps.Select(s => s.GetProperty("result").GetProperty("accuracy").GetDouble()).ToList();
        Assert.True(accuracy[0] < accuracy[1], $"stories {accuracy[0]} against encoder {accuracy[1]}");
        Assert.False(steps[0].GetProperty("holds").GetBoolean());
        Assert.True(steps[1].GetProperty("holds").GetBoolean());
        var recommended = walk.GetProperty("recommended").GetProperty("setup").GetString()!;
        Assert.True(recommended is "encoder" or "ngram" || recommended.StartsWith("cascade:ngram>encoder@", StringComparison.Ordinal), recommended);
        Assert.Contains(recommended, walk.GetProperty("reason").GetString());

        var levers = outcome.GetProperty("levers").EnumerateArray().ToList();
        Assert.Equal("promptVariants", levers[0].GetProperty("kind").GetString());
        Assert.Contains("stories(prompt=terse)", levers[0].GetProperty("setups").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("moreExamples", levers[^1].GetProperty("kind").GetString());
        Assert.Equal("ngram", levers[^1].GetProperty("rung").GetString());

        // The runs behind the walk are stored like any comparison.
        var stored = (await client.GetFromJsonAsync<JsonElement>("/api/studio/bots/ladder-bank/comparisons")).EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.All(outcome.GetProperty("comparisonIds").EnumerateArray(), id => Assert.Contains(id.GetInt64(), stored));
        Assert.Equal(HttpStatusCode.BadRequest, badSuite.StatusCode);
        Assert.Contains("'nope', which is not an intent", await badSuite.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badTolerance.StatusCode);
        Assert.Contains("tolerance", await badTolerance.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("the limit is 4,000", await oversize.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooManyFolds.StatusCode);
        Assert.Contains("from 2 to 20 folds", await tooManyFolds.Content.ReadAsStringAsync());
        Assert.Equal(outcome.GetProperty("comparisonIds")[0].GetInt64(), polled.GetProperty("comparison").GetInt64()); // the poll names the stored run
    }
}
