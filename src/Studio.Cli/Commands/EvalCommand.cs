using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Studio.Cli.Bench;
using Studio.Inference.Comparison;
using Studio.Core.Comparison;
using Studio.Core.Evaluation;
using Studio.Inference.Models;

namespace Studio.Cli.Commands;

/// <summary>
/// <c>studio eval &lt;bot&gt; --setups a,b,...</c>: trains each setup on the examples of a bot file or stored draft and measures it on a test
/// suite (a CSV, or the bot's own conversation tests): accuracy, macro-F1, out-of-scope precision and recall,
/// latency, tokens, cost per 1,000 conversations, the Pareto frontier and the right-size recommendation.
/// </summary>
internal static class EvalCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(Option<string?> dataDirectory)
    {
        var bot = BotArgument.Create();
        var setups = new Option<string>("--setups") { Description = "Comma-separated setups: ngram, encoder, cascade:<small>><large>@<threshold>, model profile ids (with options: <model>(shots=0)), each with +sentiment:<rung> and +generation:<model> if wanted.", Required = true };
        var suite = new Option<FileInfo?>("--suite") { Description = "Test CSV (text,label); default: the intents expected in the bot's conversation tests." };
        var folds = new Option<int?>("--folds") { Description = "Test on a stratified k-fold split of the bot's examples instead (each predicted by setups trained without its fold)." };
        var knowledge = new Option<FileInfo?>("--knowledge")
        {
            Description = "Compare knowledge setups (dense, keyword, fused, generative:<model>) on questions instead: a CSV of question,expected_source.",
        };
        var oosLabel = new Option<string?>("--oos-label") { Description = "Suite rows with this label are out of scope." };
        var tolerance = new Option<double>("--tolerance") { Description = "Points of accuracy the recommendation may give up for a cheaper setup.", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line." };
        var command = new Command("eval", "Compares setups on a bot's test suite and recommends the smallest that holds.") { bot, setups, suite, folds, knowledge, oosLabel, tolerance, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await BotArgument.OpenAsync(parse.GetRequiredValue(bot), parse.GetValue(dataDirectory), cancellationToken);
            if (opened is not (var context, var stored))
            {
                return 1;
            }

            var draft = stored.Bot;
            if (parse.GetValue(knowledge) is { } questionsFile)
            {
                return await CompareKnowledgeAsync(context, stored, questionsFile, parse.GetRequiredValue(setups), parse.GetValue(json), cancellationToken);
            }

            ComparisonSuite testSuite;
            try
            {
                testSuite = SuiteOf(draft, parse.GetValue(suite), parse.GetValue(folds), parse.GetValue(oosLabel));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 1;
            }

            var cases = testSuite.Cases;
            if (cases.Count == 0)
            {
                await Console.Error.WriteLineAsync("error: nothing to evaluate on: pass --suite <csv> or --folds <k>, or give the bot conversation tests with expected intents.");
                return 1;
            }

            using var progress = new TerminalProgress();
            var stopwatch = Stopwatch.StartNew();
            var pipelines = context.Get<Studio.Inference.Serving.BotPipelineFactory>();
            var outcome = await context.Get<ComparisonRunner>().RunAsync(draft,
                [.. parse.GetRequiredValue(setups).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(pipelines.Parse)],
                testSuite, parse.GetValue(tolerance), progress.Report, cancellationToken);
            var results = outcome.Results;
            progress.Dispose();
            var recommendation = outcome.Recommendation;
            var frontier = outcome.Frontier;
            Console.WriteLine($"{testSuite.Description}, {cases.Count(c => c.Expected is null)} out of scope; cost assumes {outcome.TurnsPerConversation:0.#} messages per conversation; {stopwatch.Elapsed.TotalSeconds:0.0} s in all");
            Console.WriteLine($"{"setup",-30} {"acc %",6} {"F1 %",6} {"p50 ms",8} {"p95 ms",8} {"mean ms",8} {"tokens in/out",14} {"$/1k conv",10} {"escal %",7} {"peak MB",8}");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Setup,-30} {r.Accuracy * 100,6:0.0} {r.MacroF1 * 100,6:0.0} {r.P50Ms,8:0.000} {r.P95Ms,8:0.000} {r.MeanMs,8:0.000} {$"{r.TokensIn}/{r.TokensOut}",14} {r.CostPer1000,10:0.####} {(r.EscalatedShare is { } e ? (e * 100).ToString("0.0", CultureInfo.InvariantCulture) : "-"),7} {r.PeakMemoryMb,8:0}"));
            }

            foreach (var choice in outcome.CascadeChoices)
            {
                Console.WriteLine($"cascade threshold: {choice.Setup}: {choice.Reason}");
            }

            Console.WriteLine("frontier: " + string.Join(", ", frontier));
            Console.WriteLine("recommended: " + recommendation?.Reason);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    suite = testSuite.Description, seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 2), setups = results, frontier,
                    recommendation = recommendation?.Setup.Setup, reason = recommendation?.Reason,
                    cascadeThresholds = outcome.CascadeChoices.Select(c => new { c.Setup, c.Point, c.Reason }),
                }, Json));
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> CompareKnowledgeAsync(CliContext context, Studio.Data.Drafts.StoredBot stored, FileInfo questionsFile, string setups, bool json,
        CancellationToken cancellationToken)
    {
        var registry = context.Get<ModelRegistry>();
        if (await context.TrainAsync(stored, progress: null, cancellationToken) is not { } trained)
        {
            return 1;
        }

        try
        {
            var questions = Studio.Inference.Knowledge.KnowledgeComparison.Questions(LabelledCsv.Read(questionsFile.FullName));
            using var progress = new TerminalProgress();
            var results = await new Studio.Inference.Knowledge.KnowledgeComparison(registry).RunAsync(trained, questions,
                setups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), progress.Report, cancellationToken);
            progress.Dispose();
            Console.WriteLine($"{questions.Count} knowledge questions over {trained.Knowledge!.Chunks.Count} passages");
            Console.WriteLine($"{"setup",-24} {"answered",9} {"right doc",9} {"p50 ms",8} {"p95 ms",8} {"tokens in/out",14} {"$/1k q",8}");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Setup,-24} {r.Answered * 100,8:0.0}% {r.RightSource * 100,8:0.0}% {r.P50Ms,8:0.00} {r.P95Ms,8:0.00} {$"{r.TokensIn}/{r.TokensOut}",14} {r.CostPer1000,8:0.####}"));
            }

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { knowledge = results }, Json));
            }

            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
    }

    /// <summary>The test suite the options name: a CSV, a k-fold split of the examples, or by default the bot's conversation tests.</summary>
    /// <exception cref="ArgumentException">Both a CSV and folds, or a split the bot cannot make.</exception>
    internal static ComparisonSuite SuiteOf(Studio.Core.Bots.BotDefinition bot, FileInfo? suite, int? folds, string? oosLabel = null) => (suite, folds) switch
    {
        ({ }, { }) => throw new ArgumentException("Give either --suite or --folds, not both."),
        ({ } file, null) => ComparisonSuite.FromLabelled(bot, file.Name, ReadSuite(file), oosLabel),
        (null, { } k) => ComparisonSuite.KFold(bot, k),
        _ => ComparisonSuite.FromTests(bot),
    };

    private static IReadOnlyList<(string Text, string Label, string? Sentiment)> ReadSuite(FileInfo file)
    {
        using var reader = new StreamReader(file.FullName, System.Text.Encoding.UTF8);
        return LabelledCsv.ReadWithSentiment(reader, file.FullName);
    }
}
