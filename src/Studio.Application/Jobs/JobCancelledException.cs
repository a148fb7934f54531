namespace Studio.Application.Jobs;

/// <summary>A caller waited for a job that someone cancelled, so there is no result to give.</summary>
public sealed class JobCancelledException(JobKind kind, string botId)
    : Exception($"The {kind.ToString().ToLowerInvariant()} job for bot '{botId}' was cancelled before it finished.");
