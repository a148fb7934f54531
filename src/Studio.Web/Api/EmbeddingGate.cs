namespace Studio.Web.Api;

/// <summary>
/// How many <c>/v1/embeddings</c> requests may run and wait at once. The encoder already uses every core for one request
/// and serves the runtime's bots too, so requests run one at a time and a bounded few wait; the rest are told to come
/// back (429), rather than piling up threads until the bots stall.
/// </summary>
public sealed class EmbeddingGate : IDisposable
{
    /// <summary>Requests that may wait for the one running.</summary>
    public const int QueueLimit = 8;

    private readonly SemaphoreSlim _running = new(1, 1);
    private int _waiting;

    /// <summary>A lease to dispose when done, or null when too many are already waiting.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > QueueLimit + 1)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _waiting);
            throw;
        }

        return new Lease(this);
    }

    public void Dispose() => _running.Dispose();

    private sealed class Lease(EmbeddingGate gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate._running.Release();
                Interlocked.Decrement(ref gate._waiting);
            }
        }
    }
}
