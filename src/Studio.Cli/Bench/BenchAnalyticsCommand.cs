using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Studio.Core.Documents;
using Studio.Data;
using Studio.Data.Analytics;

namespace Studio.Cli.Bench;

/// <summary>
/// <c>studio bench analytics</c>: seeds a temporary database with served traffic (1,000,000 turns over 30 days by
/// default), then times the analytics of the whole window, next to the same counts read from the turns themselves.
/// </summary>
internal static class BenchAnalyticsCommand
{
    public static Command Create()
    {
        var turns = new Option<long>("--turns") { Description = "Turns to seed.", DefaultValueFactory = _ => 1_000_000 };
        var days = new Option<int>("--days") { Description = "Days the turns span; the window measured.", DefaultValueFactory = _ => 30 };
        var runs = new Option<int>("--runs") { Description = "Timed reports after the first.", DefaultValueFactory = _ => 10 };
        var template = new Option<FileInfo>("--bot") { Description = "The bot file whose intents the traffic uses.", DefaultValueFactory = _ => new FileInfo(Path.Combine("templates", "banking.yaml")) };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON as well." };
        var command = new Command("analytics", "Times the analytics of a month of traffic (SQLite) against counting the turns directly.") { turns, days, runs, template, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var read = BotDocuments.Read(await File.ReadAllTextAsync(parse.GetRequiredValue(template).FullName, cancellationToken), BotDocumentFormat.Yaml);
            if (read.Bot is not { } bot)
            {
                await Console.Error.WriteLineAsync("error: the bot file does not read: " + string.Join("; ", read.Problems));
                return 1;
            }

            using var data = new TemporaryFolder();
            await using var context = await CliContext.OpenAsync(data.Path, cancellationToken);
            var (count, window) = (parse.GetValue(turns), parse.GetValue(days));
            var seeding = Stopwatch.StartNew();
            await Commands.SeedCommand.SeedAsync(context, bot.Id, [.. bot.Intents.Select(i => i.Name)], [1, 2], count, window, seed: 7, cancellationToken);
            var seeded = seeding.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count:N0} turns over {window} days in {seeded:0.0} s ({count / seeded:N0} turns/s)"));

            var store = context.Get<AnalyticsStore>();
            var to = DateTime.UtcNow.AddMinutes(1);
            var from = to.AddDays(-window - 1);
            var first = Stopwatch.StartNew();
            var report = await store.ReportAsync(bot.Id, from, to, cancellationToken: cancellationToken);
            var firstMs = first.Elapsed.TotalMilliseconds;
            var times = new List<double>();
            for (var i = 0; i < parse.GetValue(runs); i++)
            {
                var watch = Stopwatch.StartNew();
                await store.ReportAsync(bot.Id, from, to, cancellationToken: cancellationToken);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            var (rawMs, rawMessages) = await CountTurnsAsync(context, bot.Id, from, to, cancellationToken);
            var p50 = Latency.Percentile([.. times], 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"analytics of {window} days ({report.Series.Count} days, {report.Intents.Count} intents, {report.Arms.Count} arms): first {firstMs:0.0} ms, then p50 {p50:0.0} ms, max {times.DefaultIfEmpty(firstMs).Max():0.0} ms (target ≤ 1000 ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"the same message counts read from the {rawMessages:N0} stored turns: {rawMs:0.0} ms; the rollups answer in {p50 / rawMs:0.000}× that time"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"figures: {report.Totals.Messages:N0} messages, {report.Totals.Conversations:N0} conversations, containment {report.Totals.Containment * 100:0.0} %, fallback {report.Totals.FallbackRate * 100:0.0} %, handoff {report.Totals.HandoffRate * 100:0.0} %, p50 {report.Totals.P50Ms:0.00} ms, p95 {report.Totals.P95Ms:0.00} ms"));
            if (report.Totals.Messages != rawMessages)
            {
                await Console.Error.WriteLineAsync($"error: the rollups count {report.Totals.Messages:N0} messages but {rawMessages:N0} turns are stored.");
                return 1;
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { turns = count, days = window, seedSeconds = seeded, firstMs, p50Ms = p50, rawMs, ratio = p50 / rawMs, report.Totals }));
            }

            return 0;
        });
        return command;
    }

    // What analytics would cost without rollups: one pass over the window's turns for the simplest of its figures.
    private static async Task<(double Ms, long Messages)> CountTurnsAsync(CliContext context, string botId, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var db = await context.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        var counts = await db.Transcripts.Where(t => t.BotId == botId && t.CreatedUtc >= from && t.CreatedUtc < to)
            .GroupBy(t => t.Version).Select(g => new { Messages = g.LongCount(), Fallbacks = g.LongCount(t => t.Fallback), Latency = g.Sum(t => t.LatencyMs) })
            .ToListAsync(cancellationToken);
        return (watch.Elapsed.TotalMilliseconds, counts.Sum(c => c.Messages));
    }
}
