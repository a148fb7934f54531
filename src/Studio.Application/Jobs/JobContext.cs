namespace Studio.Application.Jobs;

/// <summary>What running work sees of its job: where to report progress and where to leave its result.</summary>
public sealed class JobContext
{
    private readonly Job _job;
    private readonly Action<Job> _changed;

    internal JobContext(Job job, Action<Job> changed)
    {
        _job = job;
        _changed = changed;
    }

    public string JobId => _job.Id;

    public string BotId => _job.BotId;

    /// <summary>Tells subscribers what the work is doing and how far it is (0 to 1).</summary>
    public void Report(string stage, double fraction)
    {
        _job.Progress(stage, fraction);
        _changed(_job);
    }

    /// <summary>Keeps the work's result with the job, for pollers and in-process callers.</summary>
    public void Keep(object result) => _job.Keep(result);
}
