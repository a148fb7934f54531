namespace Studio.Application.Jobs;

/// <summary>One job's changing state, guarded by its own lock; the outside world sees <see cref="JobSnapshot"/>s of it.</summary>
internal sealed class Job(string id, string botId, JobKind kind, Func<JobContext, CancellationToken, Task> work, DateTimeOffset createdUtc) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<JobSnapshot> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JobStatus _status = JobStatus.Queued;
    private string _stage = "Waiting for a free worker";
    private double _fraction;
    private string? _error;
    private Exception? _fault;
    private DateTimeOffset? _startedUtc;
    private DateTimeOffset? _finishedUtc;
    private object? _result;

    public string Id { get; } = id;

    public string BotId { get; } = botId;

    public JobKind Kind { get; } = kind;

    public Func<JobContext, CancellationToken, Task> Work { get; } = work;

    public Task<JobSnapshot> Finished => _finished.Task;

    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _status is JobStatus.Queued or JobStatus.Running;
            }
        }
    }

    /// <summary>Marks the job running, unless it was cancelled while it waited.</summary>
    public bool TryStart(DateTimeOffset now, out CancellationToken token)
    {
        lock (_gate)
        {
            if (_status != JobStatus.Queued)
            {
                token = default; // a finished job's token source is gone
                return false;
            }

            token = _cancellation.Token;

            _status = JobStatus.Running;
            _stage = "Starting";
            _startedUtc = now;
            return true;
        }
    }

    public void Progress(string stage, double fraction)
    {
        lock (_gate)
        {
            _stage = stage;
            _fraction = Math.Clamp(fraction, 0, 1);
        }
    }

    public void Keep(object result)
    {
        lock (_gate)
        {
            _result = result;
        }
    }

    /// <summary>
    /// Cancels the job: a waiting one ends at once (true: it finished now); a running one has its token cancelled and
    /// ends when its work notices.
    /// </summary>
    public bool Cancel(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_status == JobStatus.Running)
            {
                _cancellation.Cancel();
                return false;
            }

            if (_status != JobStatus.Queued)
            {
                return false;
            }
        }

        return Finish(JobStatus.Cancelled, null, null, now);
    }

    /// <summary>Records how the job ended; false when it had ended already.</summary>
    public bool Finish(JobStatus status, string? error, Exception? fault, DateTimeOffset now)
    {
        JobSnapshot snapshot;
        lock (_gate)
        {
            if (_finishedUtc is not null)
            {
                return false;
            }

            _status = status;
            _stage = status switch
            {
                JobStatus.Succeeded => "Done",
                JobStatus.Cancelled => "Cancelled",
                _ => "Failed",
            };
            _fraction = status == JobStatus.Succeeded ? 1 : _fraction;
            _error = error;
            _fault = fault;
            _finishedUtc = now;
            snapshot = SnapshotLocked();
            // Nothing cancels a finished job, so its token source can go now.
            _cancellation.Dispose();
        }

        _finished.TrySetResult(snapshot);
        return true;
    }

    public JobSnapshot Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _cancellation.Dispose();
        }
    }

    private JobSnapshot SnapshotLocked() =>
        new(Id, BotId, Kind, _status, _stage, _fraction, _error, createdUtc, _startedUtc, _finishedUtc, _status == JobStatus.Succeeded ? _result : null, _fault);
}
