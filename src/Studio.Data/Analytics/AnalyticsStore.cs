using Microsoft.EntityFrameworkCore;
using Studio.Core.Analytics;

namespace Studio.Data.Analytics;

/// <summary>
/// Analytics of a bot's served traffic, read from the hourly rollups: a month is a few hundred rows however many
/// turns it had, so the answer does not slow down as traffic grows.
/// </summary>
public sealed class AnalyticsStore(IDbContextFactory<StudioDbContext> contexts)
{
    public const int MaxRangeDays = 400;

    /// <exception cref="ArgumentException">The range is empty, reversed or longer than <see cref="MaxRangeDays"/>.</exception>
    public async Task<AnalyticsReport> ReportAsync(string botId, DateTime fromUtc, DateTime toUtc, int? version = null, string? alias = null, CancellationToken cancellationToken = default)
    {
        if (toUtc <= fromUtc)
        {
            throw new ArgumentException($"The range is empty: it ends ({toUtc:u}) before or when it starts ({fromUtc:u}). Pick an end after the start.");
        }

        if ((toUtc - fromUtc).TotalDays > MaxRangeDays)
        {
            throw new ArgumentException($"The range is {(toUtc - fromUtc).TotalDays:N0} days; the longest is {MaxRangeDays} days.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.TrafficHours.AsNoTracking().Where(h => h.BotId == botId && h.HourUtc >= fromUtc && h.HourUtc < toUtc).ToListAsync(cancellationToken);
        var chosen = rows.Where(r => (version is null || r.Version == version) && (alias is null || r.Alias == alias)).ToList();
        var intentRows = await db.TrafficIntentHours.AsNoTracking().Where(h => h.BotId == botId && h.HourUtc >= fromUtc && h.HourUtc < toUtc
            && (version == null || h.Version == version) && (alias == null || h.Alias == alias))
            .GroupBy(h => h.Intent).Select(g => new IntentCount(g.Key, g.Sum(h => h.Count))).ToListAsync(cancellationToken);

        var daily = (toUtc - fromUtc).TotalDays > 2;
        var series = chosen.GroupBy(r => daily ? r.HourUtc.Date : r.HourUtc).OrderBy(g => g.Key)
            .Select(g => new TrafficPoint(DateTime.SpecifyKind(g.Key, DateTimeKind.Utc), Sum(g))).ToList();
        var arms = chosen.GroupBy(r => (r.Version, r.Alias)).OrderBy(g => g.Key.Alias, StringComparer.Ordinal).ThenBy(g => g.Key.Version)
            .Select(g => new TrafficArm(g.Key.Version, g.Key.Alias, Sum(g))).ToList();
        return new AnalyticsReport(botId, fromUtc, toUtc, version, alias, daily ? "day" : "hour", Sum(chosen), series,
            [.. intentRows.Where(i => i.Count > 0).OrderByDescending(i => i.Count).ThenBy(i => i.Intent, StringComparer.Ordinal)], arms,
            [.. rows.Select(r => r.Version).Distinct().Order()], [.. rows.Select(r => r.Alias).Where(a => a.Length > 0).Distinct().Order(StringComparer.Ordinal)]);
    }

    private static TrafficFigures Sum(IEnumerable<TrafficHour> hours)
    {
        var latency = new LatencyHistogram();
        long conversations = 0, contained = 0, messages = 0, fallbacks = 0, handoffs = 0, outOfScope = 0, escalated = 0, positive = 0, negative = 0;
        double latencySum = 0, cost = 0;
        foreach (var h in hours)
        {
            conversations += h.Conversations;
            contained += h.Contained;
            messages += h.Messages;
            fallbacks += h.Fallbacks;
            handoffs += h.Handoffs;
            outOfScope += h.OutOfScope;
            escalated += h.Escalated;
            positive += h.Positive;
            negative += h.Negative;
            latencySum += h.LatencyMsSum;
            cost += h.Cost;
            latency.Add(h.Latency);
        }

        return new TrafficFigures(conversations, contained, messages, fallbacks, handoffs, outOfScope, escalated, positive, negative, latency.Percentile(0.5),
            latency.Percentile(0.95), messages == 0 ? null : latencySum / messages, cost);
    }
}
