using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Studio.Web.Runtime;

/// <summary>
/// The token buckets that hold API keys to their rates: in this process on one node; in Redis (RedisRateLimiting)
/// when Redis is configured, so a key's budget is one budget across every node behind the proxy.
/// </summary>
public sealed class RateBudgets(IConnectionMultiplexer? redis = null) : IDisposable
{
    // By key and its limit, so a changed limit takes a new bucket.
    private readonly ConcurrentDictionary<(long Key, int PerMinute), RateLimiter> _keys = new();

    // One bucket per conversation of a publishable key; the partitioned limiter lets idle ones go, so random
    // conversation ids cannot grow it without bound (in Redis the buckets expire on their own).
    private readonly PartitionedRateLimiter<(long Key, int PerMinute, string Conversation)> _conversations =
        PartitionedRateLimiter.Create<(long Key, int PerMinute, string Conversation), string>(c => Partition(redis, $"conversation:{c.Key}:{c.PerMinute}:{c.Conversation}", ConversationBucket(c.PerMinute)));

    /// <summary>Takes one request from the key's budget.</summary>
    public ValueTask<RateLimitLease> TakeAsync(long keyId, int requestsPerMinute, CancellationToken cancellationToken) =>
        _keys.GetOrAdd((keyId, requestsPerMinute), k => Limiter(redis, $"key:{k.Key}:{k.PerMinute}", KeyBucket(k.PerMinute))).AcquireAsync(1, cancellationToken);

    /// <summary>Takes one message from a publishable key's budget for one conversation.</summary>
    public ValueTask<RateLimitLease> TakeForConversationAsync(long keyId, int perMinute, string conversationId, CancellationToken cancellationToken) =>
        _conversations.AcquireAsync((keyId, perMinute, conversationId), 1, cancellationToken);

    public void Dispose()
    {
        _conversations.Dispose();
        foreach (var bucket in _keys.Values)
        {
            bucket.Dispose();
        }
    }

    private static RateLimiter Limiter(IConnectionMultiplexer? redis, string name, TokenBucketRateLimiterOptions bucket) => redis is null
        ? new TokenBucketRateLimiter(bucket)
        : new RedisTokenBucketRateLimiter<string>(ScaleOutKey(name), RedisBucket(redis, bucket));

    private static RateLimitPartition<string> Partition(IConnectionMultiplexer? redis, string name, TokenBucketRateLimiterOptions bucket) => redis is null
        ? RateLimitPartition.GetTokenBucketLimiter(name, _ => bucket)
        : RedisRateLimitPartition.GetTokenBucketRateLimiter(ScaleOutKey(name), _ => RedisBucket(redis, bucket));

    private static string ScaleOutKey(string name) => Studio.Application.ScaleOut.RedisConnection.Prefix + "rate:" + name;

    private static RedisTokenBucketRateLimiterOptions RedisBucket(IConnectionMultiplexer redis, TokenBucketRateLimiterOptions bucket) => new()
    {
        ConnectionMultiplexerFactory = () => redis,
        TokenLimit = bucket.TokenLimit,
        TokensPerPeriod = bucket.TokensPerPeriod,
        ReplenishmentPeriod = bucket.ReplenishmentPeriod,
    };

    // A person types in bursts (a button, then a quick answer): a whole minute's messages may come at once, then one
    // more every 60/rpm seconds.
    private static TokenBucketRateLimiterOptions ConversationBucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / perMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    // Never more than the key allows: at 60 a minute or more, whole requests per second (rounded down); below,
    // one request every 60/rpm seconds. A burst of ten seconds' worth is allowed.
    private static TokenBucketRateLimiterOptions KeyBucket(int requestsPerMinute) => new()
    {
        TokenLimit = Math.Max(1, requestsPerMinute / 6),
        TokensPerPeriod = requestsPerMinute >= 60 ? requestsPerMinute / 60 : 1,
        ReplenishmentPeriod = requestsPerMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / requestsPerMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
