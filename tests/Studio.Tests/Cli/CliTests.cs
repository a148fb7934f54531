using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Studio.Data;
using Studio.Tests.Support;

namespace Studio.Tests.Cli;

/// <summary>Runs the real <c>studio</c> binary, as a team's CI job would.</summary>
public class CliTests
{
    [Fact]
    public async Task Validate_BankingTemplate_ExitsZero()
    {
        var (exit, output, _) = await RunAsync("validate", "templates/banking.yaml");

        Assert.Equal(0, exit);
        Assert.Contains("valid bot 'banking'", output);
    }

    [Fact]
    public async Task Validate_CopyWithADuplicatedIntent_ExitsOne_NamingItAndItsLine()
    {
        using var temp = new TempDirectory();
        var copy = temp.File("banking-dup.yaml");
        File.WriteAllText(copy, File.ReadAllText(RepoPaths.Template("banking.yaml")).Replace("  - name: freeze_card", "  - name: change_pin", StringComparison.Ordinal));

        var (exit, _, errors) = await RunAsync("validate", copy);

        Assert.Equal(1, exit);
        Assert.Matches(@"banking-dup\.yaml:\d+:\d+: error: Duplicate intent name 'change_pin'", errors);
    }

    [Fact]
    public async Task Validate_PrintsEveryProblem()
    {
        using var temp = new TempDirectory();
        var file = temp.File("bad.yaml");
        File.WriteAllText(file, "id: Bad Id\nname: x\nlanguage: en\nintents:\n  - name: ''\n    examples: ['']\n");

        var (exit, _, errors) = await RunAsync("validate", file);

        Assert.Equal(1, exit);
        Assert.Contains("bad.yaml:1:5:", errors);
        Assert.Contains("bad.yaml:5:11:", errors);
        Assert.Contains("bad.yaml:6:16:", errors);
        Assert.Contains("3 problem(s) found.", errors);
    }

    [Fact]
    public async Task ImportThenExport_UseTheDataDirectory_AndRoundTrip()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");
        var exported = temp.File("out/helpdesk.json");

        var import = await RunAsync("import", "templates/it-helpdesk.yaml", "--data-dir", data);
        var importAgain = await RunAsync("import", "templates/it-helpdesk.yaml", "--data-dir", data);
        var export = await RunAsync("export", "it-helpdesk", exported, "--data-dir", data);
        var validate = await RunAsync("validate", exported);

        Assert.Equal(0, import.Exit);
        Assert.Equal(1, importAgain.Exit);
        Assert.Contains("already exists", importAgain.Errors);
        Assert.Equal(0, export.Exit);
        Assert.True(File.Exists(Path.Combine(data, "studio.db")));
        Assert.StartsWith("{", File.ReadAllText(exported));
        Assert.Equal(0, validate.Exit);
    }

    [Fact]
    public async Task Test_PlaysTheConversationTests_AndGatesOnFailures()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");
        var broken = temp.File("broken-tests.yaml");
        File.WriteAllText(broken, File.ReadAllText(RepoPaths.Template("banking.yaml"))
            .Replace("replyContains: working days", "replyContains: carrier pigeon", StringComparison.Ordinal).Replace("id: banking", "id: broken-tests", StringComparison.Ordinal));
        await RunAsync("import", "templates/banking.yaml", "--data-dir", data);
        await RunAsync("import", broken, "--data-dir", data);

        var passing = await RunAsync("test", "banking", "--data-dir", data);
        var failing = await RunAsync("test", "broken-tests", "--data-dir", data);

        Assert.Equal(0, passing.Exit);
        Assert.EndsWith("13 passed, 0 failed", passing.Output.Trim());
        Assert.Equal(1, failing.Exit);
        Assert.Contains("FAIL card arrival, turn 1 (\"when will my new card arrive\"): reply containing expected \"carrier pigeon\"", failing.Output);
        Assert.EndsWith("12 passed, 1 failed", failing.Output.Trim());
    }

    [Fact]
    public async Task Eval_ComparesSetups_AndRecommendsTheSmallestThatHolds()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");
        await RunAsync("import", "templates/banking.yaml", "--data-dir", data);

        var (exit, output, _) = await RunAsync("eval", "banking", "--setups", "ngram,encoder,cascade:ngram>encoder", "--data-dir", data, "--json");

        Assert.Equal(0, exit);
        var result = System.Text.Json.JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var setups = result.GetProperty("setups").EnumerateArray().ToList();
        Assert.Equal(3, setups.Count);
        Assert.StartsWith("cascade:ngram>encoder@", setups[2].GetProperty("setup").GetString());
        Assert.InRange(setups[2].GetProperty("escalatedShare").GetDouble(), 0, 1);
        Assert.Contains(result.GetProperty("recommendation").GetString(), setups.Select(s => s.GetProperty("setup").GetString()));
        Assert.Contains("recommended: ", output);
    }

    [Fact]
    public async Task LabelledCsv_ImportsAsABot_AndEvalCrossValidatesIt()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");
        var csv = temp.File("labelled.csv");
        var rows = new[]
        {
            ("where is my card", "card_arrival?"), ("my card has not arrived", "card_arrival?"), ("when will the card come", "card_arrival?"), ("card still not here", "card_arrival?"),
            ("what is my balance", "balance"), ("how much money do I have", "balance"), ("show my balance", "balance"), ("balance please", "balance"),
            ("hello", "greet"), ("hi there", "greet"), ("good morning", "greet"), ("hey", "greet"),
        };
        await File.WriteAllLinesAsync(csv, ["text,label", .. rows.Select(r => $"\"{r.Item1}\",{r.Item2}")]);

        var withoutId = await RunAsync("import", csv, "--data-dir", data);
        var imported = await RunAsync("import", csv, "--id", "labelled", "--data-dir", data);
        var (exit, output, _) = await RunAsync("eval", "labelled", "--setups", "ngram", "--folds", "3", "--data-dir", data, "--json");
        var suite = temp.File("suite.csv");
        await File.WriteAllLinesAsync(suite, ["text,label", "where's my card,card_arrival?", "hi,greet"]);
        var fromSuite = await RunAsync("eval", "labelled", "--setups", "ngram", "--suite", suite, "--data-dir", data, "--json");

        Assert.Equal(1, withoutId.Exit);
        Assert.Contains("needs --id", withoutId.Errors);
        Assert.Equal(0, imported.Exit);
        Assert.Contains("Imported 'labelled' (3 intents)", imported.Output);
        Assert.Equal(0, exit);
        var result = System.Text.Json.JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.StartsWith("3-fold split of the examples (12 messages)", result.GetProperty("suite").GetString());
        Assert.Equal(0, fromSuite.Exit); // "card_arrival?" in a test set finds the intent the import named card_arrival
        Assert.Contains("suite.csv (2 messages)", fromSuite.Output);
    }

    [Fact]
    public async Task Publish_Versions_Diff_Alias_AndKeys_FromTheCommandLine()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");
        await RunAsync("import", "templates/banking.yaml", "--data-dir", data);

        var first = await RunAsync("publish", "banking", "--alias", "production", "--notes", "first", "--data-dir", data);
        var second = await RunAsync("publish", "banking", "--alias", "staging", "--data-dir", data);
        var badAlias = await RunAsync("publish", "banking", "--alias", "v2", "--data-dir", data);
        var moved = await RunAsync("alias", "banking", "production", "1", "--data-dir", data);
        var noSuchVersion = await RunAsync("alias", "banking", "production", "9", "--data-dir", data);
        var versions = await RunAsync("versions", "banking", "--data-dir", data);
        var diff = await RunAsync("diff", "banking", "1", "1", "--data-dir", data);
        var key = await RunAsync("keys", "create", "--name", "ci", "--bots", "banking", "--rpm", "120", "--data-dir", data);
        var keys = await RunAsync("keys", "list", "--data-dir", data);

        Assert.Equal(0, first.Exit);
        Assert.Contains("published 'banking' version 1", first.Output);
        Assert.Contains("production → 1", first.Output);
        Assert.Equal(0, second.Exit);
        Assert.Contains("unchanged since version 1", second.Output); // training is deterministic: same draft, same content hash
        Assert.Contains("staging → 1", second.Output);
        Assert.Equal(1, badAlias.Exit);
        Assert.Contains("not an alias name", badAlias.Errors);
        Assert.Equal(0, moved.Exit);
        Assert.Equal(1, noSuchVersion.Exit);
        Assert.Contains("[production, staging]", versions.Output);
        Assert.Contains("--- version 1", diff.Output);
        Assert.DoesNotContain("\n+ ", diff.Output);
        var secret = key.Output.Trim().Split('\n')[^1];
        Assert.StartsWith("stu_", secret);
        Assert.Contains("ci", keys.Output);
        Assert.DoesNotContain(secret, keys.Output); // listed by prefix only
    }

    [Fact]
    public async Task APublishKilledMidWay_LeavesThePreviousVersionServing_AndTheDatabaseConsistent()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");
        await RunAsync("import", "templates/banking.yaml", "--data-dir", data);
        Assert.Equal(0, (await RunAsync("publish", "banking", "--alias", "production", "--data-dir", data)).Exit);

        // Killed while training, and killed as it starts storing: whichever side of the commit the kill lands, nothing half-made is left.
        foreach (var stage in new[] { "Training", "Storing the version" })
        {
            await RunUntilKilledAsync(stage, "publish", "banking", "--alias", "production", "--data-dir", data);

            await using var services = new ServiceCollection().AddStudioData(_ => data)
                .AddSingleton<Studio.Data.Access.ICurrentActor, Studio.Data.Access.LocalOperator>().BuildServiceProvider();
            var store = services.GetRequiredService<Studio.Data.Publishing.VersionStore>();
            var versions = await store.ListAsync("banking");
            var production = await store.ResolveAsync("banking", "production");
            Assert.Contains(production, versions.Select(v => (int?)v.Number));
            Assert.Equal(versions.Count, versions.Select(v => v.Number).Distinct().Count());
            Assert.True((await store.FindAsync("banking", production!.Value))!.Heads.Length > 1000);
            if (stage == "Training")
            {
                Assert.Equal((1, 1), (versions.Count, production.Value)); // killed before anything was stored
            }

            var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var integrity = await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync();
            Assert.Equal(["ok"], integrity);
        }

        var after = await RunAsync("publish", "banking", "--alias", "production", "--data-dir", data);
        Assert.Equal(0, after.Exit); // the database takes the next publish
    }

    [Fact]
    public async Task Export_OfAnUnknownBot_ExitsOne()
    {
        using var temp = new TempDirectory();

        var (exit, _, errors) = await RunAsync("export", "nobody", temp.File("x.yaml"), "--data-dir", temp.File("data"));

        Assert.Equal(1, exit);
        Assert.Contains("no studio database", errors);
    }

    // Starts the CLI, waits for a line starting with the stage, and kills the process there.
    [Fact]
    public async Task BenchIntents_WithUnseenIntents_PrintsEveryDetectorsFigures_AndTheShippedOnesAsJson()
    {
        // The banking template's examples, every other one for training and the rest for testing.
        var bot = Bots.Banking();
        var rows = bot.Intents.SelectMany(i => i.PlainExamples().Select((e, n) => (Text: e, Label: i.Name, Train: n % 2 == 0))).ToList();
        var folder = Directory.CreateTempSubdirectory("studio-unseen-").FullName;
        static string Csv(IEnumerable<(string Text, string Label, bool Train)> part) =>
            "text,label\n" + string.Concat(part.Select(r => $"\"{r.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{r.Label}\n"));
        await File.WriteAllTextAsync(Path.Combine(folder, "train.csv"), Csv(rows.Where(r => r.Train)));
        await File.WriteAllTextAsync(Path.Combine(folder, "test.csv"), Csv(rows.Where(r => !r.Train)));

        var (exit, output, errors) = await RunAsync("bench", "intents", "--train", Path.Combine(folder, "train.csv"), "--test", Path.Combine(folder, "test.csv"),
            "--unseen-intents", "0.25", "--seeds", "2", "--json");

        Assert.True(exit == 0, errors);
        Assert.Contains("unseen intents (encoder rung): 6 of 24 held out per seed, 2 seeds", output);
        Assert.Contains("relativeMahalanobis", output);
        using var json = System.Text.Json.JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        Assert.Equal("nearest+probability", json.RootElement.GetProperty("shipped").GetString());
        var shipped = json.RootElement.GetProperty("shippedResult");
        Assert.InRange(shipped.GetProperty("auroc").GetDouble(), 0.5, 1.0);
        Assert.Equal(5, json.RootElement.GetProperty("sweep").GetArrayLength());
    }

    [Fact]
    public async Task BenchIntents_RefusesAShareOfIntentsOutsideZeroToOne()
    {
        var (exit, _, errors) = await RunAsync("bench", "intents", "--train", "x.csv", "--test", "y.csv", "--unseen-intents", "1.5");

        Assert.NotEqual(0, exit);
        Assert.Contains("--unseen-intents is a share of the intents between 0 and 1", errors);
    }

    private static async Task RunUntilKilledAsync(string stage, params string[] args)
    {
        using var process = Process.Start(StudioCli.StartInfo(args))!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(stage, StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true);
                break;
            }
        }

        await process.WaitForExitAsync();
    }

    private static Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args) => StudioCli.RunAsync(args);
}
