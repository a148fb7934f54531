using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Analytics;
using Studio.Data.Analytics;
using Studio.Data.Publishing;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

/// <summary>Turns recorded as the transcript writer records them, read back as analytics.</summary>
public class AnalyticsStoreTests : StorageTests
{
    private static readonly DateTime Day = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    private static (TranscriptTurn, bool) Turn(string conversation, int hour, string? intent = "greet", bool fallback = false, bool handoff = false, int version = 1,
        string alias = "production", double ms = 5, string sentiment = "neutral", bool keep = true) =>
        (new TranscriptTurn
        {
            BotId = "bank", Version = version, Alias = alias, ConversationId = conversation, UserText = "x", Replies = "y", Intent = intent, OutOfScope = intent is null,
            Fallback = fallback, Handoff = handoff, LatencyMs = ms, Sentiment = sentiment, CreatedUtc = Day.AddHours(hour), ExpiresUtc = Day.AddDays(30),
        }, keep);

    [Fact]
    public async Task Conversations_AreCountedOnce_AndLoseContainment_WhenTheyFallBackInALaterBatch()
    {
        await using var db = await CreateStoreAsync();
        var transcripts = db.Services.GetRequiredService<TranscriptStore>();
        var analytics = db.Services.GetRequiredService<AnalyticsStore>();

        await transcripts.RecordAsync([Turn("a", 1), Turn("b", 1, "card_lost"), Turn("c", 2, intent: null, fallback: true, keep: false)]);
        await transcripts.RecordAsync([Turn("a", 3, fallback: true), Turn("b", 4, handoff: true, sentiment: "negative"), Turn("d", 30, version: 2, ms: 500)]);
        var report = await analytics.ReportAsync("bank", Day, Day.AddDays(2));

        var t = report.Totals;
        Assert.Equal((6L, 4L, 1L), (t.Messages, t.Conversations, t.Contained)); // only d never fell back or was handed off
        Assert.Equal((2L, 1L, 1L, 1L), (t.Fallbacks, t.Handoffs, t.OutOfScope, t.Negative));
        Assert.Equal(0.25, t.Containment);
        Assert.Equal([("greet", 4L), ("", 1L), ("card_lost", 1L)], report.Intents.Select(i => (i.Intent, i.Count)));
        Assert.Equal("hour", report.Bucket);
        Assert.Equal([1, 2], report.Versions);
        Assert.Equal(2, report.Arms.Count);
        Assert.InRange(report.Arms.Single(a => a.Version == 2).Figures.P50Ms!.Value, 500 / 1.12, 500 * 1.12);
        // The turn not kept was counted, not stored.
        Assert.Equal(3, (await transcripts.ConversationsAsync("bank")).Count);

        var v2 = await analytics.ReportAsync("bank", Day, Day.AddDays(2), version: 2);
        Assert.Equal((1L, 1L), (v2.Totals.Messages, v2.Totals.Conversations));
    }

    [Fact]
    public async Task ARangeWithNoTraffic_IsAnEmptyReport_AndAReversedOneIsRefused()
    {
        await using var db = await CreateStoreAsync();
        var analytics = db.Services.GetRequiredService<AnalyticsStore>();

        var empty = await analytics.ReportAsync("bank", Day, Day.AddDays(7));
        Assert.Equal(0, empty.Totals.Messages);
        Assert.Null(empty.Totals.Containment);
        Assert.Empty(empty.Series);
        Assert.Contains("empty", (await Assert.ThrowsAsync<ArgumentException>(() => analytics.ReportAsync("bank", Day, Day))).Message);
        await Assert.ThrowsAsync<ArgumentException>(() => analytics.ReportAsync("bank", Day.AddDays(1), Day));
        await Assert.ThrowsAsync<ArgumentException>(() => analytics.ReportAsync("bank", Day, Day.AddDays(AnalyticsStore.MaxRangeDays + 1)));
    }

    [Fact]
    public void LatencyPercentiles_FromBuckets_AreWithinABucketOfTheExactOnes()
    {
        var histogram = new LatencyHistogram();
        var times = Enumerable.Range(1, 1000).Select(i => i * 0.37).ToList();
        times.ForEach(histogram.Add);
        var restored = new LatencyHistogram();
        restored.Add(histogram.ToString());

        Assert.Equal(1000, restored.Count);
        Assert.InRange(restored.Percentile(0.5)!.Value, times[499] / 1.12, times[499] * 1.12);
        Assert.InRange(restored.Percentile(0.95)!.Value, times[949] / 1.12, times[949] * 1.12);
        Assert.Null(new LatencyHistogram().Percentile(0.5));
    }
}
