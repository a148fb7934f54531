using Microsoft.AspNetCore.Http.HttpResults;
using Studio.Application.Jobs;
using Studio.Data.Drafts;
using Studio.Data.Comparisons;

namespace Studio.Web.Api;

/// <summary>Background jobs (training, quality runs, comparisons): poll one until it ends, or cancel it.</summary>
public static class JobsApi
{
    /// <summary>What a request that queued a job gets back: the job's id, where it stands, and where to poll.</summary>
    public sealed record JobAccepted(string Job, JobStatus Status, string Poll);

    /// <summary>
    /// A job as it stands. A finished comparison names its stored run in <c>comparison</c>, to be read from
    /// <c>comparisonUrl</c>.
    /// </summary>
    public sealed record JobResponse(string Id, string BotId, JobKind Kind, JobStatus Status, string Stage, double Fraction, string? Error,
        DateTimeOffset CreatedUtc, DateTimeOffset? StartedUtc, DateTimeOffset? FinishedUtc, long? Comparison, string? ComparisonUrl)
    {
        public static JobResponse From(JobSnapshot job)
        {
            // A finished walk names the run of its rungs; GET …/ladder gives the walk itself.
            var stored = job.Result switch
            {
                ComparisonSummary summary => summary.Id,
                Studio.Application.Training.LadderOutcome walk => walk.ComparisonIds[0],
                Studio.Application.Training.TeachingComparison taught => taught.AfterComparisonId,
                _ => (long?)null,
            };
            return new(job.Id, job.BotId, job.Kind, job.Status, job.Stage, job.Fraction, job.Error, job.CreatedUtc, job.StartedUtc, job.FinishedUtc,
                stored, stored is null ? null : $"/api/studio/bots/{Uri.EscapeDataString(job.BotId)}/comparisons/{stored}");
        }
    }

    public static string PollPath(string jobId) => $"/api/studio/jobs/{Uri.EscapeDataString(jobId)}";

    /// <summary>202 Accepted for a queued (or joined) job, with a Location header to poll.</summary>
    public static Accepted<JobAccepted> Accepted(JobSnapshot job) => TypedResults.Accepted(PollPath(job.Id), new JobAccepted(job.Id, job.Status, PollPath(job.Id)));

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/studio/jobs").WithTags("Jobs");
        jobs.MapGet("/{jobId}", Get).WithName("GetJob")
            .WithSummary("One job: status (queued, running, succeeded, failed, cancelled), stage, fraction done, error, times, and a finished comparison's stored id.");
        jobs.MapDelete("/{jobId}", CancelAsync).WithName("CancelJob")
            .WithSummary("Cancels a queued or running job (202 while a running one stops, 200 once it has ended); needs the edit right.");
        app.MapGet("/api/studio/bots/{botId}/jobs/{kind}", LatestAsync).WithTags("Jobs").WithName("LatestJob")
            .WithSummary("The bot's newest job of a kind (train, quality, compare, ladder), for a client that lost the id.");
        return app;
    }

    private static Results<Ok<JobResponse>, NotFound> Get(string jobId, JobRunner runner) =>
        runner.Find(jobId) is { } job ? TypedResults.Ok(JobResponse.From(job)) : TypedResults.NotFound();

    private static async Task<Results<Ok<JobResponse>, Accepted<JobResponse>, NotFound>> CancelAsync(string jobId, JobRunner runner, CancellationToken cancellationToken) =>
        await runner.CancelAsync(jobId, cancellationToken) switch
        {
            null => TypedResults.NotFound(),
            { IsActive: true } stopping => TypedResults.Accepted(PollPath(jobId), JobResponse.From(stopping)),
            var ended => TypedResults.Ok(JobResponse.From(ended)),
        };

    private static async Task<Results<Ok<JobResponse>, NotFound>> LatestAsync(string botId, string kind, BotDraftStore store, JobRunner runner, CancellationToken cancellationToken)
    {
        var parsed = JobKinds.Parse(kind); // a misspelt kind is a 400 naming the kinds
        await store.GetAsync(botId, cancellationToken); // 404 for an unknown bot
        return runner.Latest(botId, parsed) is { } job ? TypedResults.Ok(JobResponse.From(job)) : TypedResults.NotFound();
    }
}
