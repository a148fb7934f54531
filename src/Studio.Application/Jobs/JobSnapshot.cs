namespace Studio.Application.Jobs;

/// <summary>A job as it stood at one moment: what it is for, how far it got, and how it ended.</summary>
/// <param name="Result">What the work kept (a trained bot, a report, a stored comparison), once it succeeded.</param>
/// <param name="Fault">What made it fail, for in-process callers that rethrow it; <see cref="Error"/> is what people see.</param>
public sealed record JobSnapshot(
    string Id,
    string BotId,
    JobKind Kind,
    JobStatus Status,
    string Stage,
    double Fraction,
    string? Error,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? FinishedUtc,
    object? Result,
    Exception? Fault)
{
    public bool IsActive => Status is JobStatus.Queued or JobStatus.Running;

    public bool WasCancelled => Status == JobStatus.Cancelled;
}
