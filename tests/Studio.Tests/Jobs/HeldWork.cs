using Studio.Application.Jobs;

namespace Studio.Tests.Jobs;

/// <summary>
/// Job work that says when it has started and then waits to be let go (or cancelled), so a test can hold a worker
/// busy for exactly as long as it needs, whatever the speed of the machine.
/// </summary>
public sealed class HeldWork
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public bool Ran => _started.Task.IsCompleted;

    /// <summary>True once the work saw its token cancelled.</summary>
    public bool SawCancellation { get; private set; }

    public void Release() => _release.TrySetResult();

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        job.Report("Held", 0.5);
        try
        {
            await _release.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SawCancellation = true;
            throw;
        }

        job.Keep("done");
    }
}
