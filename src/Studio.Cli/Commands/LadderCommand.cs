using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Studio.Application.Training;
using Studio.Cli.Bench;
using Studio.Core.Comparison;

namespace Studio.Cli.Commands;

/// <summary>
/// <c>studio ladder &lt;bot|file&gt;</c>: the walk down the model ladder, as the studio's Ladder tab runs it. Every available
/// rung on the bot's test suite from the largest down, the step where quality drops beyond the tolerance, the cascade
/// tried when the smallest rung does not hold, what to serve, and the next levers in the method's order.
/// </summary>
internal static class LadderCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(Option<string?> dataDirectory)
    {
        var bot = BotArgument.Create();
        var suite = new Option<FileInfo?>("--suite") { Description = "Test CSV (text,label); default: the intents expected in the bot's conversation tests." };
        var folds = new Option<int?>("--folds") { Description = "Walk on a stratified k-fold split of the bot's examples instead." };
        var tolerance = new Option<double>("--tolerance") { Description = "Points of accuracy below the best that still hold.", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var command = new Command("ladder", "Walks the model ladder from the largest rung down and recommends the smallest setup that holds.") { bot, suite, folds, tolerance, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await BotArgument.OpenAsync(parse.GetRequiredValue(bot), parse.GetValue(dataDirectory), cancellationToken);
            if (opened is not (var context, var stored))
            {
                return 1;
            }

            var draft = stored.Bot;
            LadderWalk walk;
            string description;
            try
            {
                var testSuite = EvalCommand.SuiteOf(draft, parse.GetValue(suite), parse.GetValue(folds));
                description = testSuite.Description;
                using var progress = new TerminalProgress();
                (walk, _) = await context.Get<LadderWalks>().WalkAsync(draft, testSuite, parse.GetValue(tolerance), progress.Report, cancellationToken);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 1;
            }

            Print(walk, description);
            var levers = LadderWalks.Levers(draft, walk);
            foreach (var lever in levers)
            {
                Console.WriteLine($"next: {lever.Title}. {lever.Why}{(lever.Setups.Count > 0 ? " (" + string.Join(", ", lever.Setups) + ")" : "")}");
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    suite = description,
                    steps = walk.Steps.Select(Step),
                    drop = walk.Drop?.Rung.Setup,
                    cascade = walk.Cascade is { } c ? Step(c) : null,
                    recommendation = walk.Recommended.Setup,
                    reason = walk.Reason,
                    levers = levers.Select(l => new { kind = l.Kind.ToString(), l.Title, l.Why, l.Setups, l.Rung }),
                }, Json));
            }

            return 0;
        });
        return command;
    }

    private static object Step(LadderStep step) => new
    {
        rung = step.Rung.Setup, setup = step.Result.Setup, parameters = step.Rung.Parameters, accuracy = step.Result.Accuracy, meanMs = step.Result.MeanMs,
        costPer1000 = step.Result.CostPer1000, escalatedShare = step.Result.EscalatedShare, holds = step.Holds,
    };

    private static void Print(LadderWalk walk, string suite)
    {
        Console.WriteLine($"{suite}; tolerance {walk.TolerancePoints.ToString("0.#", CultureInfo.InvariantCulture)} points below the best ({walk.Best.Setup})");
        Console.WriteLine($"{"rung",-28} {"parameters",12} {"acc %",6} {"mean ms",9} {"$/1k conv",10} {"",6}");
        foreach (var step in walk.Cascade is { } cascade ? walk.Steps.Append(cascade) : walk.Steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step.Result.Setup,-28} {(step.Rung.Parameters is { } p ? p.ToString("N0", CultureInfo.InvariantCulture) : "-"),12} {step.Result.Accuracy * 100,6:0.0} {step.Result.MeanMs,9:0.000} {step.Result.CostPer1000,10:0.####} {(step.Holds ? "holds" : step == walk.Drop ? "DROP" : "below"),6}"));
        }

        Console.WriteLine("recommended: " + walk.Recommended.Setup);
        Console.WriteLine(walk.Reason);
    }
}
