using Microsoft.AspNetCore.Http.HttpResults;
using Studio.Data.Analytics;
using Studio.Data.Drafts;

namespace Studio.Web.Api;

/// <summary>Analytics of a bot's served traffic over a date range, per version and alias, as JSON or CSV.</summary>
public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/studio/bots/{botId}/analytics").WithTags("Analytics");
        analytics.MapGet("/", ReportAsync).WithName("GetAnalytics")
            .WithSummary("Conversations, containment, fallback, handoff and out-of-scope rates, intents, sentiment, latency p50/p95, escalations and cost over "
                + "[from, to) (default: the last 30 days), optionally for one version and alias; per hour up to two days, else per day, and per version and alias.");
        analytics.MapGet("/csv", CsvAsync).WithName("GetAnalyticsCsv").WithSummary("The same as CSV: part=series (default), intents or arms.");
        return app;
    }

    private static async Task<Ok<AnalyticsReport>> ReportAsync(string botId, DateTimeOffset? from, DateTimeOffset? to, int? version, string? alias, BotDraftStore drafts,
        AnalyticsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadAsync(botId, from, to, version, alias, drafts, store, clock, cancellationToken));

    private static async Task<IResult> CsvAsync(string botId, DateTimeOffset? from, DateTimeOffset? to, int? version, string? alias, string? part, BotDraftStore drafts,
        AnalyticsStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        Func<AnalyticsReport, string> write = (part ?? "series") switch
        {
            "series" => AnalyticsCsv.Series,
            "intents" => AnalyticsCsv.Intents,
            "arms" => AnalyticsCsv.Arms,
            _ => throw new ArgumentException($"'{part}' is not a part of the analytics: use series, intents or arms."),
        };
        var report = await ReadAsync(botId, from, to, version, alias, drafts, store, clock, cancellationToken);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(write(report)), "text/csv; charset=utf-8", $"{botId}-analytics-{part ?? "series"}.csv");
    }

    private static async Task<AnalyticsReport> ReadAsync(string botId, DateTimeOffset? from, DateTimeOffset? to, int? version, string? alias, BotDraftStore drafts,
        AnalyticsStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        await drafts.GetAsync(botId, cancellationToken); // 404 for a bot that does not exist
        var end = (to ?? clock.GetUtcNow()).UtcDateTime;
        var start = (from ?? end.AddDays(-30)).UtcDateTime;
        return await store.ReportAsync(botId, start, end, version, string.IsNullOrEmpty(alias) ? null : alias, cancellationToken);
    }
}
