using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Studio.Application.Jobs;
using Studio.Application.Training;
using Studio.Core;
using Studio.Core.Comparison;
using Studio.Core.Evaluation;
using Studio.Data.Drafts;
using Studio.Data.Teaching;

namespace Studio.Web.Api;

/// <summary>Teacher labelling: a larger rung labels messages, the designer decides, accepted labels become taught examples, and the smaller rungs are compared before and after.</summary>
public static class TeachingApi
{
    /// <summary>Starts a run on messages from one source: <c>messages</c> (one per item), <c>csv</c> (the first column), or <c>transcripts</c> (what users sent the bot).</summary>
    public sealed record StartRequest(string Teacher, IReadOnlyList<string>? Messages = null, string? Csv = null, bool Transcripts = false);

    /// <summary>
    /// A decision (<c>accept</c>, <c>reject</c> or <c>pending</c>) on the listed <c>items</c>, or on every pending labelled item
    /// the confidence range matches when no items are listed. <c>intent</c> corrects the label of the listed items as they are accepted.
    /// </summary>
    public sealed record DecisionRequest(string Decision, IReadOnlyList<long>? Items = null, string? Intent = null, double MinConfidence = 0, double MaxConfidence = 1);

    public sealed record CompareRequest(string? Csv = null);

    public sealed record TeachingOverview(IReadOnlyList<LadderRung> Teachers, IReadOnlyList<TeachingRunSummary> Runs);

    public sealed record RunStarted(TeachingRunSummary Run, string Job, string Poll);

    public sealed record Decided(int Changed, TeachingRunSummary Run);

    public static IEndpointRouteBuilder MapTeachingApi(this IEndpointRouteBuilder app)
    {
        var teaching = app.MapGroup("/api/studio/bots/{botId}/teaching").WithTags("Teaching");
        teaching.MapGet("/", OverviewAsync).WithName("ListTeachingRuns").WithSummary("The rungs that can teach now, largest first, and the bot's teaching runs with their counts.");
        teaching.MapPost("/", StartAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("StartTeachingRun")
            .WithSummary($"Stores up to {TeachingStore.MaxMessages:N0} messages (messages, csv or transcripts) as a run and queues the teacher on them; 202 with the run and the job.");
        teaching.MapGet("/{runId:long}", RunAsync).WithName("GetTeachingRun").WithSummary("One run's counts, and why labelling stopped if it did.");
        teaching.MapGet("/{runId:long}/items", ItemsAsync).WithName("ListTeachingItems")
            .WithSummary("A page of the run's labelled messages, least confident first, filtered by confidence, decision (pending, accepted, rejected) and intent.");
        teaching.MapPost("/{runId:long}/resume", ResumeAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("ResumeTeachingRun")
            .WithSummary("Starts the teacher again on the messages it has not labelled; labels already made are kept.");
        teaching.MapPost("/{runId:long}/decisions", DecideAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("DecideTeachingLabels")
            .WithSummary("Accepts, corrects, rejects or resets labels: listed items, or every pending labelled item in a confidence range.");
        teaching.MapPost("/{runId:long}/apply", ApplyAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("ApplyTeachingLabels")
            .WithSummary("Adds the accepted labels to the draft as examples marked as taught by the run's teacher.");
        teaching.MapPost("/{runId:long}/compare", CompareAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("CompareTeachingRun")
            .WithSummary("Retrains the draft and queues a comparison of the smaller rungs without and with the run's taught examples, the teacher beside them; "
                + "on the bot's conversation tests, or csv rows (text,label).");
        teaching.MapGet("/{runId:long}/compare", LatestComparisonAsync).WithName("GetTeachingComparison").WithSummary("The run's latest before/after comparison, or the job still running it.");
        return app;
    }

    private static async Task<Ok<TeachingOverview>> OverviewAsync(string botId, BotDraftStore drafts, TeachingStore store, TeacherLabelling teaching, CancellationToken cancellationToken)
    {
        await drafts.GetAsync(botId, cancellationToken);
        return TypedResults.Ok(new TeachingOverview(teaching.Teachers(), await store.ListAsync(botId, cancellationToken)));
    }

    private static async Task<Results<Accepted<RunStarted>, ValidationProblem>> StartAsync(string botId, StartRequest request, TeacherLabelling teaching,
        IOptions<StudioOptions> options, CancellationToken cancellationToken)
    {
        try
        {
            var sources = (request.Messages is null ? 0 : 1) + (request.Csv is null ? 0 : 1) + (request.Transcripts ? 1 : 0);
            if (sources != 1)
            {
                throw new ArgumentException("Give the messages one way: messages, csv, or transcripts: true.");
            }

            if (request.Messages is { Count: > TeachingStore.MaxMessages })
            {
                throw new ArgumentException($"A teaching run labels at most {TeachingStore.MaxMessages:N0} messages; {request.Messages.Count:N0} were given.");
            }

            var (source, messages) = request switch
            {
                { Csv: { } csv } => ("uploaded CSV", ReadCsv(csv, options.Value.MaxUploadBytes)),
                { Transcripts: true } => ("served transcripts", await teaching.ServedMessagesAsync(botId, cancellationToken)),
                _ => ("pasted messages", request.Messages!),
            };
            var (run, job) = await teaching.StartAsync(botId, request.Teacher, source, messages, cancellationToken);
            return TypedResults.Accepted(JobsApi.PollPath(job.Id), new RunStarted(run, job.Id, JobsApi.PollPath(job.Id)));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            return Invalid(ex);
        }
    }

    private static async Task<Ok<TeachingRunSummary>> RunAsync(string botId, long runId, TeachingStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetAsync(botId, runId, cancellationToken));

    private static async Task<Results<Ok<TeachingPage>, ValidationProblem>> ItemsAsync(string botId, long runId, TeachingStore store, double? minConfidence, double? maxConfidence,
        string? decision, string? intent, int? skip, int? take, CancellationToken cancellationToken)
    {
        try
        {
            await store.GetAsync(botId, runId, cancellationToken);
            var filter = Filter(minConfidence ?? 0, maxConfidence ?? 1) with { Decision = decision is null ? null : ParseDecision(decision), Intent = intent };
            return TypedResults.Ok(await store.ItemsAsync(botId, runId, filter, skip ?? 0, take ?? 50, cancellationToken));
        }
        catch (ArgumentException ex)
        {
            return Invalid(ex);
        }
    }

    private static async Task<Accepted<JobsApi.JobAccepted>> ResumeAsync(string botId, long runId, TeacherLabelling teaching, CancellationToken cancellationToken) =>
        JobsApi.Accepted(await teaching.ResumeAsync(botId, runId, cancellationToken));

    private static async Task<Results<Ok<Decided>, ValidationProblem>> DecideAsync(string botId, long runId, DecisionRequest request, TeachingStore store,
        BotDraftStore drafts, CancellationToken cancellationToken)
    {
        try
        {
            await store.GetAsync(botId, runId, cancellationToken);
            var decision = ParseDecision(request.Decision);
            if (request.Intent is { } intent && (await drafts.GetAsync(botId, cancellationToken)).Bot.Intents.All(i => i.Name != intent))
            {
                throw new ArgumentException($"'{intent}' is not an intent of the bot.");
            }

            if (request.Intent is not null && (request.Items is null || decision != TeachingDecision.Accepted))
            {
                throw new ArgumentException("A corrected intent goes with an accept of listed items.");
            }

            var changed = request.Items is { } items
                ? await store.DecideAsync(botId, runId, items, decision, request.Intent, cancellationToken)
                : await store.DecideAllAsync(botId, runId, Filter(request.MinConfidence, request.MaxConfidence), decision, cancellationToken);
            return TypedResults.Ok(new Decided(changed, await store.GetAsync(botId, runId, cancellationToken)));
        }
        catch (ArgumentException ex)
        {
            return Invalid(ex);
        }
    }

    private static async Task<Results<Ok<TeachingApplied>, ValidationProblem>> ApplyAsync(string botId, long runId, TeacherLabelling teaching, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await teaching.ApplyAsync(botId, runId, cancellationToken));
        }
        catch (ArgumentException ex)
        {
            return Invalid(ex);
        }
    }

    private static async Task<Results<Accepted<JobsApi.JobAccepted>, ValidationProblem>> CompareAsync(string botId, long runId, CompareRequest? request,
        TeacherLabelling teaching, BotDraftStore drafts, IOptions<StudioOptions> options, CancellationToken cancellationToken)
    {
        try
        {
            Studio.Inference.Comparison.ComparisonSuite? suite = null;
            if (request?.Csv is { } csv)
            {
                UploadLimit.EnsureWithin(csv, options.Value.MaxUploadBytes);
                using var reader = new StringReader(csv);
                suite = Studio.Inference.Comparison.ComparisonSuite.FromLabelled((await drafts.GetAsync(botId, cancellationToken)).Bot, "uploaded CSV", LabelledCsv.ReadWithSentiment(reader, "csv"));
            }

            return JobsApi.Accepted(await teaching.StartBeforeAfterAsync(botId, runId, suite, cancellationToken));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            return Invalid(ex);
        }
    }

    private static async Task<Results<Ok<TeachingComparison>, Ok<JobsApi.JobResponse>, NotFound<string>>> LatestComparisonAsync(string botId, long runId,
        TeachingStore store, TeacherLabelling teaching, CancellationToken cancellationToken)
    {
        await store.GetAsync(botId, runId, cancellationToken);
        return teaching.Latest(botId, JobKind.BeforeAfter) switch
        {
            { Result: TeachingComparison compared } when compared.RunId == runId => TypedResults.Ok(compared),
            { IsActive: true } job => TypedResults.Ok(JobsApi.JobResponse.From(job)),
            _ => TypedResults.NotFound("No before/after comparison of this run yet: POST …/compare starts one."),
        };
    }

    private static IReadOnlyList<string> ReadCsv(string csv, long maxBytes)
    {
        UploadLimit.EnsureWithin(csv, maxBytes);
        using var reader = new StringReader(csv);
        return MessageCsv.Read(reader, "csv");
    }

    private static TeachingFilter Filter(double min, double max) =>
        Studio.Core.Teaching.TeacherLabels.IsConfidence(min) && Studio.Core.Teaching.TeacherLabels.IsConfidence(max) && min <= max
            ? new TeachingFilter(min, max)
            : throw new ArgumentException("A confidence range goes from 0 to 1, its minimum at most its maximum.");

    private static TeachingDecision ParseDecision(string text) => text.Trim().ToLowerInvariant() switch
    {
        "accept" or "accepted" => TeachingDecision.Accepted,
        "reject" or "rejected" => TeachingDecision.Rejected,
        "pending" => TeachingDecision.Pending,
        _ => throw new ArgumentException($"'{text}' is not a decision: use accept, reject or pending."),
    };

    private static ValidationProblem Invalid(Exception ex) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [ex.Message] });
}
