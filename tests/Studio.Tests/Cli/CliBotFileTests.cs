using Studio.Tests.Support;

namespace Studio.Tests.Cli;

/// <summary><c>studio train|test|eval|publish</c> on a bot file in the repository, as a CI job gates it.</summary>
public class CliBotFileTests
{
    [Fact]
    public async Task Test_OnABotFile_PassesWithoutStoringIt()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");

        var (exit, output, errors) = await StudioCli.RunAsync("test", "templates/banking.yaml", "--data-dir", data);

        Assert.True(exit == 0, errors);
        Assert.Matches(@"^\d+ passed, 0 failed$", output.Trim().Split('\n')[^1]);
        Assert.False(Directory.Exists(data)); // a file is tested where it is: no data folder is made
    }

    [Fact]
    public async Task Test_OnABotFileWhoseTestExpectsTheWrongIntent_ExitsOne()
    {
        using var temp = new TempDirectory();
        var file = temp.File("banking-wrong.yaml");
        // Only the first test's expectation is made wrong.
        File.WriteAllText(file, new System.Text.RegularExpressions.Regex("          intent: check_balance").Replace(File.ReadAllText(RepoPaths.Template("banking.yaml")), "          intent: greeting", 1));

        var (exit, output, _) = await StudioCli.RunAsync("test", file);

        Assert.Equal(1, exit);
        Assert.Contains("FAIL balance question", output);
        Assert.Matches(@"^\d+ passed, 1 failed$", output.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Test_OnMalformedYaml_ExitsOne_NamingTheLine()
    {
        using var temp = new TempDirectory();
        var file = temp.File("broken.yaml");
        File.WriteAllText(file, "id: broken\nname: Broken\nlanguage: en\nintents:\n  - name: greeting\n    examples: [hi, hello\n");

        var (exit, _, errors) = await StudioCli.RunAsync("test", file);

        Assert.Equal(1, exit);
        Assert.Matches(@"broken\.yaml:\d+:\d+: error: YAML syntax error", errors);
    }

    [Fact]
    public async Task TrainAndEval_OnABotFile_WorkWithoutAStoredDraft()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");

        var train = await StudioCli.RunAsync("train", "templates/it-helpdesk.yaml", "--data-dir", data);
        var eval = await StudioCli.RunAsync("eval", "templates/it-helpdesk.yaml", "--setups", "ngram", "--data-dir", data, "--json");

        Assert.True(train.Exit == 0, train.Errors);
        Assert.Contains("trained 'it-helpdesk' revision 0", train.Output);
        Assert.True(eval.Exit == 0, eval.Errors);
        Assert.Contains("recommended: ", eval.Output);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Ladder_OnABotFile_WalksEveryRungLargestFirst_AndNamesWhatToServe()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");

        var (exit, output, errors) = await StudioCli.RunAsync("ladder", "templates/it-helpdesk.yaml", "--data-dir", data, "--json");
        var refused = await StudioCli.RunAsync("ladder", "templates/it-helpdesk.yaml", "--data-dir", data, "--suite", "no-such.csv");

        Assert.True(exit == 0, errors);
        Assert.Contains("recommended: ", output);
        using var json = System.Text.Json.JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["encoder", "ngram"], steps.Select(s => s.GetProperty("rung").GetString()));
        Assert.Contains(json.RootElement.GetProperty("recommendation").GetString()!, output);
        Assert.Equal("MoreExamples", json.RootElement.GetProperty("levers").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.NotEqual(0, refused.Exit);
    }

    [Fact]
    public async Task Publish_OfABotFile_ImportsItAsTheDraft_ThenPublishes()
    {
        using var temp = new TempDirectory();
        var data = temp.File("data");

        var first = await StudioCli.RunAsync("publish", "templates/banking.yaml", "--alias", "production", "--data-dir", data);
        var again = await StudioCli.RunAsync("publish", "templates/banking.yaml", "--data-dir", data);
        var versions = await StudioCli.RunAsync("versions", "banking", "--data-dir", data);

        Assert.True(first.Exit == 0, first.Errors);
        Assert.Contains("imported templates/banking.yaml as the draft of 'banking'", first.Output);
        Assert.Contains("published 'banking' version 1", first.Output);
        Assert.Equal(0, again.Exit); // the file replaces the draft it made
        Assert.Contains("unchanged since version 1", again.Output);
        Assert.Contains("[production]", versions.Output);
    }
}
