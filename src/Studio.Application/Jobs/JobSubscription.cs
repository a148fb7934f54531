namespace Studio.Application.Jobs;

/// <summary>One subscriber to a bot's jobs; disposing it stops the callbacks, even one about to be made.</summary>
internal sealed class JobSubscription(string botId, Action<JobSnapshot> onChange, Action<JobSubscription> remove) : IDisposable
{
    private volatile bool _disposed;

    public string BotId { get; } = botId;

    public void Notify(JobSnapshot snapshot)
    {
        if (!_disposed)
        {
            onChange(snapshot);
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            remove(this);
        }
    }
}
