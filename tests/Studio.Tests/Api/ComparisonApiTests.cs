using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Core.Documents;
using Studio.Tests.Support;
using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>Comparisons, their history and blind votes through the studio API, on the real encoder and a real SQLite file.</summary>
public class ComparisonApiTests
{
    private static readonly JsonSerializerOptions Json = BotJson.Options;

    [Fact]
    public async Task Comparison_ThroughTheApi_RanksSetups_IsStoredWithTheRevision_AndRecommendsOne()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("compare-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();

        var stored = await ComparisonJobs.StoredAsync(app, client, "compare-bank", new { setups = new[] { "ngram", "encoder", "cascade:ngram>encoder" }, tolerance = 1 });
        var unknown = await client.PostAsJsonAsync("/api/studio/bots/compare-bank/compare", new { setups = new[] { "no-such-model" } });

        var outcome = stored.GetProperty("outcome");
        var results = outcome.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.InRange(r.GetProperty("accuracy").GetDouble(), 0.5, 1));
        Assert.All(results, r => Assert.True(r.GetProperty("peakMemoryMb").GetDouble() > 0));
        Assert.Contains(outcome.GetProperty("recommendation").GetProperty("setup").GetProperty("setup").GetString(), results.Select(r => r.GetProperty("setup").GetString()));
        Assert.Single(outcome.GetProperty("cascadeChoices").EnumerateArray());
        Assert.Equal(3, outcome.GetProperty("details").GetArrayLength());
        Assert.True(outcome.GetProperty("cases").GetArrayLength() >= 10);
        Assert.Equal(1, stored.GetProperty("summary").GetProperty("botRevision").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown model 'no-such-model'", await unknown.Content.ReadAsStringAsync());

        var id = stored.GetProperty("summary").GetProperty("id").GetInt64();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/studio/bots/compare-bank/comparisons");
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/studio/bots/compare-bank/comparisons/{id}");
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(outcome.GetProperty("results").ToString(), again.GetProperty("outcome").GetProperty("results").ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/studio/bots/compare-bank/comparisons/{id + 99}")).StatusCode);
    }

    [Fact]
    public async Task UploadedCsv_AndKFoldSplit_AreTestSets_AndBadOnesAreRefusedWithTheReason()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("suite-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();
        const string csv = "text,label\nI lost my card,card_lost_or_stolen\n\"what's my balance, please\",check_balance\nwho won the match,other\n";

        var fromCsv = await ComparisonJobs.StoredAsync(app, client, "suite-bank", new { setups = new[] { "ngram" }, csv, outOfScopeLabel = "other" });
        var fromFolds = await ComparisonJobs.StoredAsync(app, client, "suite-bank", new { setups = new[] { "ngram" }, folds = 3 });
        var badLabel = await client.PostAsJsonAsync("/api/studio/bots/suite-bank/compare", new { setups = new[] { "ngram" }, csv = "text,label\nhi,nope\n" });
        var badCsv = await client.PostAsJsonAsync("/api/studio/bots/suite-bank/compare", new { setups = new[] { "ngram" }, csv = "text,label\n\"unclosed,x\nmore\n" });

        var csvOutcome = fromCsv.GetProperty("outcome");
        Assert.Equal(3, csvOutcome.GetProperty("cases").GetArrayLength());
        Assert.StartsWith("uploaded CSV (3 messages)", csvOutcome.GetProperty("suite").GetString());
        var foldOutcome = fromFolds.GetProperty("outcome");
        Assert.StartsWith("3-fold split", foldOutcome.GetProperty("suite").GetString());
        Assert.Equal(Bots.Banking().Intents.Sum(i => i.Examples.Count), foldOutcome.GetProperty("cases").GetArrayLength()); // every example, once
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        Assert.Contains("'nope', which is not an intent", await badLabel.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        Assert.Contains("csv:", await badCsv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BlindVotes_BuildTheLeaderboard_WithTheirCount()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("vote-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();

        foreach (var (winner, loser) in new[] { ("encoder", "ngram"), ("encoder", "ngram"), ("ngram", "encoder"), ("stories", "encoder"), ("stories", "ngram") })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/studio/bots/vote-bank/votes", new { winner, loser, message = "I lost my card" })).StatusCode);
        }

        var same = await client.PostAsJsonAsync("/api/studio/bots/vote-bank/votes", new { winner = "ngram", loser = "ngram", message = "x" });
        var board = await client.GetFromJsonAsync<JsonElement>("/api/studio/bots/vote-bank/leaderboard");

        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Equal(5, board.GetProperty("votes").GetInt32());
        var standings = board.GetProperty("standings").EnumerateArray().ToList();
        Assert.Equal(["stories", "encoder", "ngram"], standings.Select(s => s.GetProperty("setup").GetString()));
        Assert.Equal((2, 4), (standings[1].GetProperty("wins").GetInt32(), standings[1].GetProperty("votes").GetInt32()));
    }

    [Fact]
    public async Task KnowledgeSetups_AreComparedThroughTheApi_AndABotWithoutDocumentsIsTold()
    {
        using var data = new TempDirectory();
        await using var app = new StudioAppFactory(data.Path);
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/studio/bots", new CreateBotRequest("kb-bank", TemplateId: "banking"), Json)).EnsureSuccessStatusCode();
        var draft = await client.GetFromJsonAsync<JsonElement>("/api/studio/bots/kb-bank");
        var bot = JsonSerializer.Deserialize<Studio.Core.Bots.BotDefinition>(draft.GetProperty("bot").GetRawText(), Json)!;
        bot.Knowledge = null; // the template carries the bank's help pages; first, a bot with none
        (await client.PutAsJsonAsync("/api/studio/bots/kb-bank", new { revision = draft.GetProperty("revision").GetInt32(), bot }, Json)).EnsureSuccessStatusCode();
        var empty = await client.PostAsJsonAsync("/api/studio/bots/kb-bank/compare-knowledge", new { setups = new[] { "fused" }, csv = "question,expected_source\nhi,a.md\n" });
        draft = await client.GetFromJsonAsync<JsonElement>("/api/studio/bots/kb-bank");
        bot.Knowledge = new Studio.Core.Bots.KnowledgeSettings
        {
            Sources = [.. new[] { "branch-opening-hours.md", "overdraft-fees.md", "pin-reset.md" }
                .Select(n => new Studio.Core.Bots.KnowledgeSource { Name = n, Content = File.ReadAllText(Path.Combine(RepoPaths.KnowledgeBase, "docs", n)) })],
        };
        (await client.PutAsJsonAsync("/api/studio/bots/kb-bank", new { revision = draft.GetProperty("revision").GetInt32(), bot }, Json)).EnsureSuccessStatusCode();
        const string csv = "question,expected_source\nwhen do you open on saturday,branch-opening-hours.md\nhow much does going overdrawn cost,overdraft-fees.md\nI forgot my PIN,pin-reset.md\n";

        var compared = await client.PostAsJsonAsync("/api/studio/bots/kb-bank/compare-knowledge", new { setups = new[] { "dense", "fused" }, csv });
        var unknown = await client.PostAsJsonAsync("/api/studio/bots/kb-bank/compare-knowledge", new { setups = new[] { "generative:nope" }, csv });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("no knowledge documents", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, compared.StatusCode);
        var results = (await compared.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(["dense", "fused"], results.Select(r => r.GetProperty("setup").GetString()));
        Assert.Equal(1.0, results[1].GetProperty("rightSource").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
