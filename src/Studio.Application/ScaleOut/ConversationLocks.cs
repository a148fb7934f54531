using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Studio.Application.Runtime;

namespace Studio.Application.ScaleOut;

/// <summary>
/// One conversation's turns are handled one at a time, so two messages never both read the old state: a striped lock
/// in the process, and with Redis also a lock in Redis (StackExchange.Redis's <c>LockTake</c>), held by one node at a time.
/// The Redis lock is short and renewed while the turn runs, so a node that dies mid-turn lets its conversations go
/// within <see cref="LockExpiry"/>, and a client's retry on another node waits no longer than that.
/// </summary>
public sealed class ConversationLocks(IOptions<RuntimeOptions> options, IConnectionMultiplexer? redis = null)
{
    // Renewed every RenewalInterval while the turn runs, however long it takes; a dead node's lock lapses after this.
    // Five renewals fit in it, so a busy machine that is late with some still holds the lock.
    private static readonly TimeSpan LockExpiry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RenewalInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(15);

    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for the conversation's turn; disposing the result lets the next message in.</summary>
    /// <exception cref="ConversationBusyException">Another node held it longer than <see cref="RuntimeOptions.ConversationLockWaitSeconds"/>.</exception>
    public async Task<IAsyncDisposable> EnterAsync(string stateKey, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(stateKey) % _stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        if (redis is null)
        {
            return new Held(stripe, null, default, default, null);
        }

        try
        {
            var key = (RedisKey)(RedisConnection.Prefix + "lock:" + stateKey);
            var token = (RedisValue)Guid.NewGuid().ToString("N");
            var database = redis.GetDatabase();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(options.Value.ConversationLockWaitSeconds);
            while (!await database.LockTakeAsync(key, token, LockExpiry))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new ConversationBusyException($"Another message of this conversation has been in progress for over {options.Value.ConversationLockWaitSeconds} s; send this one again shortly.");
                }

                await Task.Delay(RetryInterval, cancellationToken);
            }

            return new Held(stripe, database, key, token, Renew(database, key, token));
        }
        catch
        {
            stripe.Release();
            throw;
        }
    }

    // Keeps the lock while the turn runs; stops when the turn ends or the lock is no longer this holder's.
    private static Renewal Renew(IDatabase database, RedisKey key, RedisValue token)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(RenewalInterval, stop.Token);
                    if (!await database.LockExtendAsync(key, token, LockExpiry))
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or RedisException or RedisTimeoutException)
            {
                // The turn ended, or Redis is away: the lock lapses on its own.
            }
        }, CancellationToken.None);
        return new Renewal(stop, loop);
    }

    private sealed record Renewal(CancellationTokenSource Stop, Task Loop);

    private sealed class Held(SemaphoreSlim stripe, IDatabase? database, RedisKey key, RedisValue token, Renewal? renewal) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (renewal is not null)
                {
                    await renewal.Stop.CancelAsync();
                    await renewal.Loop;
                    renewal.Stop.Dispose();
                }

                if (database is not null)
                {
                    await database.LockReleaseAsync(key, token);
                }
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                // Redis went away mid-turn: the lock expires on its own, and the turn's state was written or not, never half.
            }
            finally
            {
                stripe.Release();
            }
        }
    }
}
