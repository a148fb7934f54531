using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Data.Access;
using Studio.Inference.Bots;

namespace Studio.Application.Jobs;

/// <summary>
/// The owner of the studio's background work: jobs wait in a bounded queue and a fixed number of workers run them,
/// each with a token that a cancel or shutdown trips. One job of a kind runs per bot at a time; asking for another
/// hands back the one in progress. Finished jobs stay (with their results) for polling until newer ones push them out.
/// </summary>
public sealed class JobRunner : BackgroundService
{
    private readonly JobOptions _options;
    private readonly ICurrentActor _actor;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobRunner> _logger;
    private readonly Channel<Job> _queue;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Job> _jobs = [];
    private readonly Dictionary<(string BotId, JobKind Kind), Job> _latest = [];
    private readonly Queue<Job> _finished = new();
    private readonly Dictionary<string, List<JobSubscription>> _subscribers = [];
    private bool _stopping;

    public JobRunner(IOptions<JobOptions> options, ICurrentActor actor, TimeProvider clock, ILogger<JobRunner> logger)
    {
        _options = options.Value;
        _actor = actor;
        _clock = clock;
        _logger = logger;
        _queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses rather than drops
            SingleReader = _options.Workers == 1,
        });
    }

    /// <summary>Queues work for the bot, or hands back the bot's job of that kind that is still queued or running.</summary>
    /// <exception cref="JobQueueFullException">The queue holds <see cref="JobOptions.QueueCapacity"/> jobs already.</exception>
    /// <exception cref="InvalidOperationException">The studio is shutting down.</exception>
    public JobSnapshot Enqueue(string botId, JobKind kind, Func<JobContext, CancellationToken, Task> work)
    {
        Job job;
        lock (_gate)
        {
            if (_stopping)
            {
                throw new InvalidOperationException("The studio is shutting down; no new jobs start.");
            }

            if (_latest.TryGetValue((botId, kind), out var current) && current.IsActive)
            {
                return current.Snapshot();
            }

            job = new Job(Guid.NewGuid().ToString("N"), botId, kind, work, _clock.GetUtcNow());
            if (!_queue.Writer.TryWrite(job))
            {
                job.Dispose();
                throw new JobQueueFullException(_options.QueueCapacity);
            }

            _jobs[job.Id] = job;
            _latest[(botId, kind)] = job;
        }

        Notify(job);
        return job.Snapshot();
    }

    public JobSnapshot? Find(string id)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(id)?.Snapshot();
        }
    }

    /// <summary>The bot's newest job of the kind, running or finished.</summary>
    public JobSnapshot? Latest(string botId, JobKind kind)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault((botId, kind))?.Snapshot();
        }
    }

    /// <summary>Completes when the job has ended, however it ended (null for a job not known).</summary>
    public Task<JobSnapshot>? WhenFinished(string id)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(id)?.Finished;
        }
    }

    /// <summary>Cancels a queued or running job (null when there is no such job); cancelling is designing, so it needs the edit right.</summary>
    /// <exception cref="PermissionDeniedException">The actor may not edit.</exception>
    public async Task<JobSnapshot?> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        await _actor.DemandAsync(Right.Edit, cancellationToken);
        Job? job;
        lock (_gate)
        {
            job = _jobs.GetValueOrDefault(id);
        }

        if (job is null)
        {
            return null;
        }

        Cancel(job);
        return job.Snapshot();
    }

    /// <summary>Calls <paramref name="onChange"/> whenever one of the bot's jobs is queued, makes progress or ends, until the subscription is disposed.</summary>
    public IDisposable Subscribe(string botId, Action<JobSnapshot> onChange)
    {
        var subscription = new JobSubscription(botId, onChange, Unsubscribe);
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(botId, out var list))
            {
                _subscribers[botId] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Refuses new jobs and cancels every queued and running one, then waits for the workers to stop.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        List<Job> active;
        lock (_gate)
        {
            _stopping = true;
            _queue.Writer.TryComplete();
            active = [.. _jobs.Values.Where(j => j.IsActive)];
        }

        foreach (var job in active)
        {
            Cancel(job);
        }

        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RunAsync(job);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A fault of the runner's own must not take the worker down with the job.
                    _logger.LogError(ex, "The worker could not run job {JobId}", job.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync has cancelled what was left.
        }
    }

    private async Task RunAsync(Job job)
    {
        bool stopping;
        lock (_gate)
        {
            stopping = _stopping;
        }

        if (stopping)
        {
            Cancel(job); // still in the queue when shutdown began
            return;
        }

        if (!job.TryStart(_clock.GetUtcNow(), out var token))
        {
            return; // cancelled while it waited
        }

        Notify(job);
        var (status, error, fault) = (JobStatus.Succeeded, (string?)null, (Exception?)null);
        try
        {
            await job.Work(new JobContext(job, Notify), token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            status = JobStatus.Cancelled;
        }
        catch (Exception ex) when (ex is BotTrainingException or ArgumentException or InvalidDataException)
        {
            // The bot or the request cannot be run as it stands: the message says why and what to change.
            (status, error, fault) = (JobStatus.Failed, ex.Message, ex);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Kind} job {JobId} for bot {BotId} failed", job.Kind, job.Id, job.BotId);
            (status, error, fault) = (JobStatus.Failed, $"The run failed: {ex.Message}", ex);
        }

        if (job.Finish(status, error, fault, _clock.GetUtcNow()))
        {
            Finished(job);
        }
    }

    private void Cancel(Job job)
    {
        if (job.Cancel(_clock.GetUtcNow()))
        {
            Finished(job);
        }
    }

    private void Finished(Job job)
    {
        lock (_gate)
        {
            _finished.Enqueue(job);
            while (_finished.Count > _options.KeptFinished && _finished.TryDequeue(out var old))
            {
                _jobs.Remove(old.Id);
                if (_latest.TryGetValue((old.BotId, old.Kind), out var latest) && ReferenceEquals(latest, old))
                {
                    _latest.Remove((old.BotId, old.Kind));
                }
            }
        }

        Notify(job);
    }

    private void Notify(Job job)
    {
        JobSubscription[] subscribers;
        lock (_gate)
        {
            subscribers = _subscribers.TryGetValue(job.BotId, out var list) ? [.. list] : [];
        }

        var snapshot = job.Snapshot();
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber.Notify(snapshot);
            }
            catch (Exception ex)
            {
                // One broken page must not stop the job or the other subscribers.
                _logger.LogWarning(ex, "A subscriber to bot {BotId}'s jobs failed", job.BotId);
            }
        }
    }

    private void Unsubscribe(JobSubscription subscription)
    {
        lock (_gate)
        {
            if (_subscribers.TryGetValue(subscription.BotId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _subscribers.Remove(subscription.BotId);
            }
        }
    }
}
