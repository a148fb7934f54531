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
            [.. rows.Select(r => r.Version).Distinct().Order()], [.. rows.Select(r => r.Alias).Where(a => a.Length > 0).Distinct().Order(StringComparer.Ordinal)])
        {
            Comparisons = [.. Compare(chosen)],
        };
    }

    private static IEnumerable<ArmComparison> Compare(IReadOnlyList<TrafficHour> rows)
    {
        foreach (var alias in rows.Where(r => r.Alias.Length > 0).GroupBy(r => r.Alias).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var arms = alias.GroupBy(r => r.Version).OrderByDescending(g => g.Sum(r => r.Messages)).Take(2).OrderBy(g => g.Key).ToList();
            if (arms.Count < 2)
            {
                continue;
            }

            var (a, b) = (Totals.Of(arms[0]), Totals.Of(arms[1]));
            yield return new ArmComparison(alias.Key, arms[0].Key, arms[1].Key, a.Conversations, b.Conversations,
            [
                Metric("containment", a.Contained, a.Conversations, b.Contained, b.Conversations),
                Metric("fallback rate", a.Fallbacks, a.Messages, b.Fallbacks, b.Messages),
                Metric("handoff rate", a.Handoffs, a.Messages, b.Handoffs, b.Messages),
                Metric("mean reply ms", Interval.Mean(a.Latency, a.LatencySquares, a.Messages), Interval.Mean(b.Latency, b.LatencySquares, b.Messages),
                    Interval.MeanDifference(a.Latency, a.LatencySquares, a.Messages, b.Latency, b.LatencySquares, b.Messages)),
                Metric("cost per message", Interval.Mean(a.Cost, a.CostSquares, a.Messages), Interval.Mean(b.Cost, b.CostSquares, b.Messages),
                    Interval.MeanDifference(a.Cost, a.CostSquares, a.Messages, b.Cost, b.CostSquares, b.Messages)),
            ]);
        }
    }

    private static ArmMetric Metric(string name, long successesA, long trialsA, long successesB, long trialsB) =>
        Metric(name, Interval.Proportion(successesA, trialsA), Interval.Proportion(successesB, trialsB), Interval.ProportionDifference(successesA, trialsA, successesB, trialsB));

    private static ArmMetric Metric(string name, Interval? first, Interval? second, Interval? difference) =>
        new(name, first, second, difference, difference is { ExcludesZero: true });

    private sealed record Totals(long Conversations, long Contained, long Messages, long Fallbacks, long Handoffs, double Latency, double LatencySquares, double Cost, double CostSquares)
    {
        public static Totals Of(IEnumerable<TrafficHour> hours) => hours.Aggregate(new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0), (t, h) => new Totals(
            t.Conversations + h.Conversations, t.Contained + h.Contained, t.Messages + h.Messages, t.Fallbacks + h.Fallbacks, t.Handoffs + h.Handoffs,
            t.Latency + h.LatencyMsSum, t.LatencySquares + h.LatencyMsSquares, t.Cost + h.Cost, t.CostSquares + h.CostSquares));
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
