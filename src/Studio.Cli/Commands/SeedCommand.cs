using System.CommandLine;
using System.Diagnostics;
using Studio.Data.Drafts;
using Studio.Data.Publishing;

namespace Studio.Cli.Commands;

/// <summary><c>studio seed traffic</c>: synthetic served traffic for a bot, to try analytics at scale.</summary>
internal static class SeedCommand
{
    public static Command Create(Option<string?> dataDirectory)
    {
        var bot = new Option<string>("--bot") { Description = "The bot to seed traffic for; its intents are used.", Required = true };
        var turns = new Option<long>("--turns") { Description = "How many turns.", DefaultValueFactory = _ => 1_000_000 };
        var days = new Option<int>("--days") { Description = "Over how many days up to now.", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed makes the same traffic.", DefaultValueFactory = _ => 7 };
        var traffic = new Command("traffic", "Stores synthetic served turns (conversations, intents, fallbacks, handoffs, sentiment, latency) for a bot, "
            + "as the runtime stores them, so the Analytics page and API have something to show.") { bot, turns, days, seed };
        traffic.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(turns) is < 1 or > 50_000_000 || parse.GetValue(days) is < 1 or > 400)
            {
                await Console.Error.WriteLineAsync("error: --turns takes 1 to 50,000,000 and --days 1 to 400.");
                return 1;
            }

            await using var context = await CliContext.OpenAsync(parse.GetValue(dataDirectory), cancellationToken);
            var botId = parse.GetRequiredValue(bot);
            if (await context.Get<BotDraftStore>().FindAsync(botId, cancellationToken) is not { } stored)
            {
                await Console.Error.WriteLineAsync($"error: there is no bot '{botId}' in {context.DataDirectory}.");
                return 1;
            }

            var versions = (await context.Get<VersionStore>().ListAsync(botId, cancellationToken)).Select(v => v.Number).Order().TakeLast(2).ToList();
            var watch = Stopwatch.StartNew();
            await SeedAsync(context, botId, [.. stored.Bot.Intents.Select(i => i.Name)], versions.Count == 0 ? [1] : versions, parse.GetValue(turns), parse.GetValue(days),
                parse.GetValue(seed), cancellationToken);
            Console.WriteLine($"seeded {parse.GetValue(turns):N0} turns for '{botId}' over {parse.GetValue(days)} days in {watch.Elapsed.TotalSeconds:0.0} s");
            return 0;
        });

        return new Command("seed", "Synthetic data for trying the studio at scale.") { traffic };
    }

    public static Task SeedAsync(CliContext context, string botId, IReadOnlyList<string> intents, IReadOnlyList<int> versions, long turns, int days, int seed,
        CancellationToken cancellationToken)
    {
        var progress = new Progress<long>(made =>
        {
            if (made % 100_000 == 0 || made == turns)
            {
                Console.Error.WriteLine($"  {made:N0} of {turns:N0} turns");
            }
        });
        return TrafficSeeder.SeedAsync(context.Get<TranscriptStore>(), botId, intents.Count == 0 ? ["greet"] : intents, versions, turns, days, seed, DateTime.UtcNow, progress,
            cancellationToken);
    }
}
