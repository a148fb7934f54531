using Studio.Application.Jobs;
using Studio.Core.Bots;
using Studio.Core.Comparison;
using Studio.Core.Setups;
using Studio.Inference.Comparison;
using Studio.Inference.Models;
using Studio.Inference.Serving;

namespace Studio.Application.Training;

/// <summary>
/// The walk down the model ladder as one job: the bot's test suite on every available rung from the largest down (one
/// comparison, so every rung sees the same messages), then, when the smallest rung does not hold, the cascade from it
/// to the smallest that did. Both runs are stored like any comparison; the walk names the step where quality drops,
/// what to serve, and the levers to pull next in the method's order.
/// </summary>
public sealed class LadderWalks(ComparisonRunner comparisons, ComparisonHistory history, ModelRegistry registry, BotPipelineFactory pipelines, JobRunner jobs)
{
    /// <summary>The rungs a walk measures now, largest first: the small ones and every large model that can answer.</summary>
    public IReadOnlyList<LadderRung> Rungs() => LadderWalk.Order(registry.Profiles
        .Where(p => p.IsGenerative ? registry.Status(p).Available : p.Id is "ngram" or "encoder")
        .Select(p => new LadderRung(p.Id, p.DisplayName, p.Parameters, p.IsGenerative)));

    /// <summary>The bot's newest walk, running or finished; a finished one holds a <see cref="LadderOutcome"/>.</summary>
    public JobSnapshot? Latest(string botId) => jobs.Latest(botId, JobKind.Ladder);

    /// <summary>Checks the walk can run now, then walks as a job that stores both comparison runs; the job's result is a <see cref="LadderOutcome"/>.</summary>
    /// <exception cref="ArgumentException">There is nothing to walk on, or fewer than two rungs can run.</exception>
    /// <exception cref="JobQueueFullException">Too many jobs are waiting.</exception>
    public JobSnapshot Start(BotDefinition bot, int revision, ComparisonSuite suite, double tolerancePoints)
    {
        var rungs = Check(bot, suite, tolerancePoints);
        return jobs.Enqueue(bot.Id, JobKind.Ladder, async (job, cancellationToken) =>
        {
            var (walk, runs) = await WalkAsync(bot, rungs, suite, tolerancePoints, job.Report, cancellationToken);
            var ids = new List<long>();
            foreach (var run in runs)
            {
                // The walk is done by now; a cancel arriving while it is stored must not throw the work away.
                ids.Add((await history.SaveAsync(bot.Id, revision, run, CancellationToken.None)).Summary.Id);
            }

            job.Keep(new LadderOutcome(bot.Id, revision, suite.Description, walk, Levers(bot, walk), ids));
        });
    }

    /// <summary>Walks now, in the caller's time (the CLI): the walk and the comparison runs behind it, the rungs' first.</summary>
    /// <exception cref="ArgumentException">There is nothing to walk on, or fewer than two rungs can run.</exception>
    public Task<(LadderWalk Walk, IReadOnlyList<ComparisonOutcome> Runs)> WalkAsync(BotDefinition bot, ComparisonSuite suite, double tolerancePoints,
        Action<string, double>? progress = null, CancellationToken cancellationToken = default) =>
        WalkAsync(bot, Check(bot, suite, tolerancePoints), suite, tolerancePoints, progress ?? ((_, _) => { }), cancellationToken);

    // Parsed and checked once, here at the edge: the rungs with the setup each runs as.
    private List<(LadderRung Rung, BotSetup Setup)> Check(BotDefinition bot, ComparisonSuite suite, double tolerancePoints)
    {
        if (!double.IsFinite(tolerancePoints) || tolerancePoints is < 0 or > 100)
        {
            throw new ArgumentException("The tolerance is a number of accuracy points from 0 to 100.", nameof(tolerancePoints));
        }

        if (suite.Cases.Count == 0)
        {
            throw new ArgumentException("There is nothing to walk the ladder on: give a test suite, or conversation tests with expected intents.", nameof(suite));
        }

        var rungs = Rungs();
        if (rungs.Count < 2)
        {
            throw new ArgumentException("A walk needs at least two rungs; add a large model on the Models page.");
        }

        var parsed = rungs.Select(rung => (Rung: rung, Setup: pipelines.Parse(rung.Setup))).ToList();
        parsed.ForEach(p => pipelines.Check(p.Setup, bot));
        return parsed;
    }

    private async Task<(LadderWalk, IReadOnlyList<ComparisonOutcome>)> WalkAsync(BotDefinition bot, IReadOnlyList<(LadderRung Rung, BotSetup Setup)> checkedRungs,
        ComparisonSuite suite, double tolerancePoints, Action<string, double> progress, CancellationToken cancellationToken)
    {
        var rungs = checkedRungs.Select(c => c.Rung).ToList();
        var walked = await comparisons.RunAsync(bot, [.. checkedRungs.Select(c => c.Setup)], suite, tolerancePoints,
            (stage, fraction) => progress(stage, fraction * 0.8), cancellationToken);
        var runs = new List<ComparisonOutcome> { walked };
        SetupResult? cascade = null;
        if (LadderWalk.CascadeToTry(rungs, walked.Results, tolerancePoints) is { } cascadeSetup)
        {
            var tried = await comparisons.RunAsync(bot, [pipelines.Parse(cascadeSetup)], suite, tolerancePoints,
                (stage, fraction) => progress(stage, 0.8 + fraction * 0.2), cancellationToken);
            runs.Add(tried);
            cascade = tried.Results[0];
        }

        return (LadderWalk.Walk(rungs, walked.Results, tolerancePoints, cascade), runs);
    }

    /// <summary>The method's levers after a walk, in its order: tune the largest model's prompt, answer questions from documents, then train the small rungs.</summary>
    public static IReadOnlyList<LadderLever> Levers(BotDefinition bot, LadderWalk walk)
    {
        var levers = new List<LadderLever>();
        if (walk.Steps.FirstOrDefault(s => s.Rung.IsLarge) is { } large)
        {
            var id = large.Rung.Setup;
            IReadOnlyList<string> variants = [$"{id}(shots=0)", $"{id}(shots=8)", .. bot.Prompts.Select(p => $"{id}(prompt={p.Name})")];
            levers.Add(new LadderLever(LadderLeverKind.PromptVariants, large.Rung.DisplayName == id ? $"Tune the prompt of {id}" : $"Tune the prompt of {id} ({large.Rung.DisplayName})",
                "The method's first lever: a better prompt or other examples can raise the largest model, and with it the bar the rungs below are held to.", variants));
        }

        if (bot.Knowledge is { Sources.Count: > 0 } knowledge)
        {
            levers.Add(new LadderLever(LadderLeverKind.KnowledgeRetrieval, "Answer questions from the documents",
                $"The bot has {knowledge.Sources.Count} document(s): questions a rung misreads may be better answered from them. Compare the ways of retrieving on your questions.", []));
        }

        var smallest = walk.Steps[^1];
        levers.Add(new LadderLever(LadderLeverKind.MoreExamples, $"More examples for {smallest.Rung.Setup}",
            smallest.Holds
                ? $"{smallest.Rung.Setup} already holds; cross-validating its intents shows which are weakest before traffic finds them."
                : $"{smallest.Rung.Setup} falls short by {((walk.Best.Accuracy - smallest.Result.Accuracy) * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} points: cross-validate its intents to see which need more examples, or labels from a larger rung.",
            [], smallest.Rung.Setup));
        return levers;
    }
}
