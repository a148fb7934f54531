using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Studio.Core;
using Studio.Core.Bots;
using Studio.Core.Comparison;
using Studio.Core.Evaluation;
using Studio.Data.Comparisons;
using Studio.Data.Drafts;
using Studio.Inference.Comparison;
using Studio.Application.Training;

namespace Studio.Web.Api;

/// <summary>Comparisons of setups on a bot's test suite, stored with the revision they ran on, and blind preference votes.</summary>
public static class ComparisonApi
{
    /// <summary>What to compare. The suite is the bot's conversation tests unless <c>csv</c> (text,label rows) or <c>folds</c> names another.</summary>
    public sealed record CompareRequest(IReadOnlyList<string> Setups, double Tolerance = 1, string? Csv = null, string? OutOfScopeLabel = null, int? Folds = null);

    /// <summary>How to walk the ladder: the tolerance, and the suite as for a comparison (the bot's conversation tests by default).</summary>
    public sealed record LadderRequest(double Tolerance = 1, string? Csv = null, string? OutOfScopeLabel = null, int? Folds = null);

    public sealed record VoteRequest(string Winner, string Loser, string Message, bool Tie = false);

    /// <summary>Knowledge setups (dense, keyword, fused, generative:&lt;model&gt;) and the questions, as CSV rows of question,expected_source.</summary>
    public sealed record KnowledgeCompareRequest(IReadOnlyList<string> Setups, string Csv);

    /// <summary>The leaderboard from blind votes, with how many votes stand behind it.</summary>
    public sealed record Leaderboard(int Votes, IReadOnlyList<VoteStanding> Standings);

    public static IEndpointRouteBuilder MapComparisonApi(this IEndpointRouteBuilder app)
    {
        var bots = app.MapGroup("/api/studio/bots/{botId}").WithTags("Comparison");
        bots.MapPost("/compare", CompareAsync).WithName("CompareSetups")
            .WithSummary("Queues a run of setups (ngram, encoder, cascade:<small>><large>@<t>, model profiles) over a test suite — the bot's conversation tests, "
                + "CSV rows (text,label) or a k-fold split of its examples — and answers 202 with the job to poll; the finished job names the stored run "
                + "with its figures, charts' data, frontier and recommendations. Setups and suite are checked first (400).");
        bots.MapPost("/ladder", WalkAsync).WithName("WalkLadder")
            .WithSummary("Queues a walk down the model ladder: the suite on every available rung, largest first, then a cascade when the smallest rung does not "
                + "hold; answers 202 with the job. GET /ladder gives the latest walk: each step, where quality drops, what to serve, and the next levers.");
        bots.MapGet("/ladder", LatestWalkAsync).WithName("LatestLadderWalk").WithSummary("The bot's latest walk down the ladder, or the job still walking it.");
        bots.MapGet("/comparisons", ListAsync).WithName("ListComparisons").WithSummary("Stored comparison runs of the bot, newest first.");
        bots.MapGet("/comparisons/{id:long}", GetAsync).WithName("GetComparison").WithSummary("One stored comparison run.");
        bots.MapPost("/compare-knowledge", CompareKnowledgeAsync).WithName("CompareKnowledgeSetups")
            .WithSummary("Answers questions from the bot's documents with each setup: how often it answered, from the right document, how fast, at what cost.");
        bots.MapPost("/votes", VoteAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("RecordVote").WithSummary("Records a blind preference between two setups' replies to the same message.");
        bots.MapGet("/leaderboard", LeaderboardAsync).WithName("VoteLeaderboard").WithSummary("Bradley–Terry standings of the setups from the bot's blind votes.");
        return app;
    }

    private static async Task<Results<Accepted<JobsApi.JobAccepted>, ValidationProblem>> CompareAsync(string botId, CompareRequest request, BotDraftStore store,
        TrainingService training, IOptions<StudioOptions> options, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(botId, cancellationToken);
        try
        {
            return JobsApi.Accepted(training.StartComparison(stored.Bot, stored.Revision, request.Setups,
                Suite(stored.Bot, request.Csv, request.OutOfScopeLabel, request.Folds, options.Value.MaxUploadBytes), request.Tolerance));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [ex.Message] });
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<Studio.Inference.Knowledge.KnowledgeSetupResult>>, ValidationProblem>> CompareKnowledgeAsync(string botId,
        KnowledgeCompareRequest request, BotDraftStore store, TrainingService training, Studio.Inference.Models.ModelRegistry registry, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(botId, cancellationToken);
        try
        {
            using var reader = new StringReader(request.Csv);
            var questions = Studio.Inference.Knowledge.KnowledgeComparison.Questions(LabelledCsv.Read(reader, "csv"));
            var trained = await training.CurrentAsync(stored.Bot, stored.Revision, cancellationToken);
            return TypedResults.Ok(await Task.Run(() => new Studio.Inference.Knowledge.KnowledgeComparison(registry).RunAsync(trained, questions, request.Setups,
                cancellationToken: cancellationToken), cancellationToken));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [ex.Message] });
        }
    }

    private static async Task<Results<Accepted<JobsApi.JobAccepted>, ValidationProblem>> WalkAsync(string botId, LadderRequest? request, BotDraftStore store,
        LadderWalks ladder, IOptions<StudioOptions> options, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(botId, cancellationToken);
        request ??= new LadderRequest();
        try
        {
            return JobsApi.Accepted(ladder.Start(stored.Bot, stored.Revision, Suite(stored.Bot, request.Csv, request.OutOfScopeLabel, request.Folds, options.Value.MaxUploadBytes), request.Tolerance));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [ex.Message] });
        }
    }

    private static async Task<Results<Ok<LadderOutcome>, Ok<JobsApi.JobResponse>, NotFound<string>>> LatestWalkAsync(string botId, BotDraftStore store,
        LadderWalks ladder, CancellationToken cancellationToken)
    {
        await store.GetAsync(botId, cancellationToken);
        return ladder.Latest(botId) switch
        {
            { Result: LadderOutcome outcome } => TypedResults.Ok(outcome),
            { } job => TypedResults.Ok(JobsApi.JobResponse.From(job)),
            null => TypedResults.NotFound("No walk yet: POST /ladder starts one."),
        };
    }

    private static ComparisonSuite Suite(BotDefinition bot, string? csv, string? outOfScopeLabel, int? folds, long maxBytes)
    {
        if (csv is not null && folds is not null)
        {
            throw new ArgumentException("Give either csv or folds, not both.");
        }

        if (csv is not null)
        {
            UploadLimit.EnsureWithin(csv, maxBytes);
            using var reader = new StringReader(csv);
            return ComparisonSuite.FromLabelled(bot, "uploaded CSV", LabelledCsv.ReadWithSentiment(reader, "csv"), outOfScopeLabel);
        }

        return folds is { } k ? ComparisonSuite.KFold(bot, k) : ComparisonSuite.FromTests(bot);
    }

    private static async Task<Ok<IReadOnlyList<ComparisonSummary>>> ListAsync(string botId, BotDraftStore store, ComparisonHistory history, CancellationToken cancellationToken)
    {
        await store.GetAsync(botId, cancellationToken); // 404 for an unknown bot
        return TypedResults.Ok(await history.ListAsync(botId, cancellationToken));
    }

    private static async Task<Results<Ok<StoredComparison>, NotFound>> GetAsync(string botId, long id, ComparisonHistory history, CancellationToken cancellationToken) =>
        await history.FindAsync(botId, id, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<NoContent, ValidationProblem>> VoteAsync(string botId, VoteRequest request, BotDraftStore store, ComparisonStore comparisons,
        CancellationToken cancellationToken)
    {
        await store.GetAsync(botId, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.Winner) || string.IsNullOrWhiteSpace(request.Loser) || request.Winner == request.Loser)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["A vote names two different setups: the winner and the loser."] });
        }

        try
        {
            await comparisons.VoteAsync(botId, request.Winner, request.Loser, request.Message ?? "", request.Tie, cancellationToken);
        }
        catch (ArgumentException invalid)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [invalid.Message] });
        }

        return TypedResults.NoContent();
    }

    private static async Task<Ok<Leaderboard>> LeaderboardAsync(string botId, BotDraftStore store, ComparisonStore comparisons, CancellationToken cancellationToken)
    {
        await store.GetAsync(botId, cancellationToken);
        var votes = await comparisons.VotesAsync(botId, cancellationToken);
        return TypedResults.Ok(new Leaderboard(votes.Count, VoteRanking.Rank(votes)));
    }
}
