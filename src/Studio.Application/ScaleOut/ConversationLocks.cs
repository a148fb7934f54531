using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Studio.Application.Runtime;

namespace Studio.Application.ScaleOut;

/// <summary>
/// One conversation's turns are handled one at a time, so two messages never both read the old state: a striped lock
/// in the process, and with Redis also a lock in Redis (StackExchange.Redis's <c>LockTake</c>), held by one node at a time.
/// The Redis lock is short and renewed while the turn runs, so a node that dies mid-turn lets its conversations go
/// within ten seconds, and a client's retry on another node waits no longer than that. Both waits end after
/// <see cref="RuntimeOptions.ConversationLockWaitSeconds"/> with <see cref="ConversationBusyException"/>.
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
    /// <exception cref="ConversationBusyException">Another message of it (on this node or another) held it longer than the wait allowed.</exception>
    public async Task<HeldConversation> EnterAsync(string stateKey, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(options.Value.ConversationLockWaitSeconds);
        var deadline = DateTime.UtcNow + wait;
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(stateKey) % _stripes.Length)];
        if (!await stripe.WaitAsync(wait, cancellationToken))
        {
            throw Busy();
        }

        if (redis is null)
        {
            return new HeldConversation(stripe, null, default, default);
        }

        try
        {
            var key = (RedisKey)(RedisConnection.Prefix + "lock:" + stateKey);
            var token = (RedisValue)Guid.NewGuid().ToString("N");
            var database = redis.GetDatabase();
            while (!await database.LockTakeAsync(key, token, LockExpiry))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw Busy();
                }

                await Task.Delay(RetryInterval, cancellationToken);
            }

            return new HeldConversation(stripe, database, key, token);
        }
        catch
        {
            stripe.Release();
            throw;
        }
    }

    private ConversationBusyException Busy() =>
        new($"Another message of this conversation has been in progress for over {options.Value.ConversationLockWaitSeconds} s; send this one again shortly.");

    /// <summary>A conversation's turn, held until disposed; with Redis, renewed in the background while it lasts.</summary>
    public sealed class HeldConversation : IAsyncDisposable
    {
        private readonly SemaphoreSlim _stripe;
        private readonly IDatabase? _database;
        private readonly RedisKey _key;
        private readonly RedisValue _token;
        // Only a Redis lock is renewed; a turn on one node allocates neither.
        private readonly CancellationTokenSource? _stop;
        private readonly Task _renewal = Task.CompletedTask;

        internal HeldConversation(SemaphoreSlim stripe, IDatabase? database, RedisKey key, RedisValue token)
        {
            (_stripe, _database, _key, _token) = (stripe, database, key, token);
            if (database is not null)
            {
                _stop = new CancellationTokenSource();
                _renewal = Task.Run(() => RenewAsync(_database!, _stop.Token), CancellationToken.None);
            }
        }

        /// <summary>
        /// Whether this turn still holds the conversation: false once its Redis lock lapsed (Redis was away longer than the
        /// lock lasts, or the machine stalled), when another node may have taken the conversation meanwhile. Checked
        /// before the turn's state is written, so a turn that lost its lock never overwrites another's.
        /// </summary>
        public async Task<bool> StillHeldAsync()
        {
            if (_database is null)
            {
                return true;
            }

            // Renewed just now if it can be: the write that follows then has the lock's whole life.
            return await _database.LockExtendAsync(_key, _token, LockExpiry);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_stop is not null)
                {
                    await _stop.CancelAsync();
                    await _renewal;
                    await _database!.LockReleaseAsync(_key, _token);
                }
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                // Redis went away mid-turn: the lock lapses on its own.
            }
            finally
            {
                _stop?.Dispose();
                _stripe.Release();
            }
        }

        // Keeps the lock while the turn runs. A failed renewal (Redis away for a moment) is tried again at the next
        // interval; a lock found taken by someone else ends the renewals, and StillHeldAsync then says so.
        private async Task RenewAsync(IDatabase database, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(RenewalInterval, stop);
                    if (!await database.LockExtendAsync(_key, _token, LockExpiry))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
                {
                    // Tried again at the next interval.
                }
            }
        }
    }
}
