using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Runtime;
using Studio.Core.Analytics;
using Studio.Data.Analytics;
using Studio.Data.Publishing;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

/// <summary>Splitting an alias between two versions: refused when it does not add up, sticky per conversation, recorded, compared and promoted.</summary>
public class TrafficSplitTests : StorageTests
{
    private static async Task<VersionStore> VersionsAsync(StoreFixture db)
    {
        var versions = db.Services.GetRequiredService<VersionStore>();
        foreach (var (bot, count) in new[] { ("bank", 2), ("shop", 3) })
        {
            await db.Store.CreateAsync(Bots.Small(bot));
            for (var n = 1; n <= count; n++)
            {
                await versions.AddAsync(new BotVersion { BotId = bot, Document = "{}", Heads = [1], ContentHash = $"{bot}-{n}", PublishedBy = "designer" }, "production");
            }
        }

        return versions;
    }

    [Fact]
    public async Task ASplit_ThatDoesNotAddUp_OrNamesAnotherBotsVersion_IsRefused_WithTheReason()
    {
        await using var db = await CreateStoreAsync();
        var versions = await VersionsAsync(db);

        var notHundred = await Assert.ThrowsAsync<ArgumentException>(() => versions.SplitAsync("bank", "production", [(1, 70), (2, 20)], "designer"));
        var otherBots = await Assert.ThrowsAsync<ArgumentException>(() => versions.SplitAsync("bank", "production", [(1, 50), (3, 50)], "designer"));
        var oneArm = await Assert.ThrowsAsync<ArgumentException>(() => versions.SplitAsync("bank", "production", [(1, 100)], "designer"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => versions.SplitAsync("bank", "staging", [(1, 50), (2, 50)], "designer"));

        Assert.Contains("= 90 %", notHundred.Message);
        Assert.Contains("no version 3", otherBots.Message);
        Assert.Contains("two arms", oneArm.Message);
        Assert.Null((await versions.AliasesAsync("bank")).Single().SplitVersion);
    }

    [Fact]
    public async Task ASplit_IsRecorded_ServesBothArmsStickily_AndPromotingEndsIt()
    {
        await using var db = await CreateStoreAsync();
        var versions = await VersionsAsync(db);

        await versions.SplitAsync("bank", "production", [(1, 70), (2, 30)], "designer");
        var target = (await versions.ResolveTargetAsync("bank", "production"))!;
        var arms = Enumerable.Range(0, 10_000).Select(i => PublishedBots.Arm(target, $"7:conversation-{i}").Number).ToList();
        var wider = target with { SplitPercent = 40 };

        Assert.Equal("v1 70 % / v2 30 %", (await versions.AliasesAsync("bank")).Single().Serves);
        Assert.InRange(arms.Count(a => a == 2), 2_700, 3_300);
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(PublishedBots.Arm(target, $"7:c{i}"), PublishedBots.Arm(target, $"7:c{i}")));
        // A wider share moves conversations to the second arm only, never back.
        Assert.All(Enumerable.Range(0, 1000), i => Assert.True(PublishedBots.Arm(target, $"k:{i}").Number == 1 || PublishedBots.Arm(wider, $"k:{i}").Number == 2));
        Assert.Equal(1, PublishedBots.Arm(target, conversation: null).Number);

        await versions.MoveAliasAsync("bank", "production", 2, "designer");
        var moves = await versions.MovesAsync("bank");
        Assert.Null((await versions.AliasesAsync("bank")).Single().SplitVersion);
        Assert.Equal("promoted v2 from the split v1 70 % / v2 30 %", moves[0].Note);
        Assert.Equal("split: v1 70 % / v2 30 %", moves[1].Note);
    }

    [Fact]
    public async Task TheArmsOfASplit_AreComparedWithConfidenceIntervals()
    {
        await using var db = await CreateStoreAsync();
        var now = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
        var turns = Enumerable.Range(0, 2000).Select(i => (new TranscriptTurn
        {
            BotId = "bank", Version = 1 + (i % 2), Alias = "production", ConversationId = $"c{i}", Intent = "greet",
            // Version 2 falls back four times as often: a difference no interval should miss.
            Fallback = i % 2 == 1 ? i % 10 == 1 : i % 40 == 0, LatencyMs = 5 + (i % 7), CreatedUtc = now.AddMinutes(i % 50), ExpiresUtc = now.AddDays(1),
        }, false)).ToList();
        await db.Services.GetRequiredService<TranscriptStore>().RecordAsync(turns);

        var report = await db.Services.GetRequiredService<AnalyticsStore>().ReportAsync("bank", now.AddHours(-1), now.AddHours(2));

        var comparison = Assert.Single(report.Comparisons);
        Assert.Equal((1, 2, 1000L, 1000L), (comparison.FirstVersion, comparison.SecondVersion, comparison.FirstConversations, comparison.SecondConversations));
        var fallback = comparison.Metrics.Single(m => m.Name == "fallback rate");
        Assert.True(fallback.Differs);
        Assert.InRange(fallback.Difference!.Value, 0.149, 0.151); // 20 % against 5 %
        Assert.False(comparison.Metrics.Single(m => m.Name == "mean reply ms").Differs);
    }

    [Fact]
    public void Intervals_MatchTheTextbook()
    {
        var half = Interval.Proportion(50, 100)!;
        Assert.InRange(half.Low, 0.4038, 0.4040);
        Assert.InRange(half.High, 0.5960, 0.5962);
        Assert.Equal(0, Interval.Proportion(0, 10)!.Low);
        Assert.Null(Interval.Proportion(0, 0));
        var mean = Interval.Mean(sum: 30, squares: 100, n: 10)!; // values with mean 3 and sample variance 10/9
        Assert.Equal(3, mean.Value, 6);
        Assert.InRange(mean.High - mean.Value, 0.65, 0.66);
    }
}
