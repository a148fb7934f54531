using Microsoft.Extensions.Primitives;

namespace Studio.Application.ScaleOut;

/// <summary>
/// A change token for cache entries that a kind of notice ends: entries made with <see cref="Token"/> expire at once
/// when such a notice arrives (made on this node or, with Redis, another). One for all subjects: the subjects
/// (bot ids) come from request paths, so a token per subject would let requests grow memory.
/// </summary>
public sealed class CacheResets : IDisposable
{
    private CancellationTokenSource _source = new();

    public CacheResets(ChangeNotices notices, ChangeKind kind) => notices.Received += notice =>
    {
        if (notice.Kind == kind)
        {
            // The replaced source is left to the collector: a lookup may still be reading its token.
            Interlocked.Exchange(ref _source, new CancellationTokenSource()).Cancel();
        }
    };

    public IChangeToken Token => new CancellationChangeToken(_source.Token);

    public void Dispose() => _source.Dispose();
}
