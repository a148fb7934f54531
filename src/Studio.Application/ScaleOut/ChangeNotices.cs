using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Studio.Data.Publishing;

namespace Studio.Application.ScaleOut;

/// <summary>
/// Tells every node that an alias moved, a bot was retired or a key revoked, so each drops its cached copy at once
/// instead of when the copy expires. On one node the notice stays in the process; with Redis it goes out on a
/// pub/sub channel every node subscribes to. Caches still expire on their own (aliases after a second), so a
/// notice lost while Redis is away only delays the change.
/// </summary>
public sealed class ChangeNotices
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(RedisConnection.Prefix + "changes");

    private readonly IConnectionMultiplexer? _redis;
    private readonly ILogger<ChangeNotices> _logger;
    // A node hears its own notices back from Redis; this tells them apart, so each is acted on once.
    private readonly string _node = Guid.NewGuid().ToString("N");

    public ChangeNotices(VersionStore versions, ApiKeyStore keys, ILogger<ChangeNotices> logger, IConnectionMultiplexer? redis = null)
    {
        _redis = redis;
        _logger = logger;
        versions.AliasMoved += (botId, _) => Publish(new ChangeNotice(ChangeKind.Bot, botId));
        keys.KeysRevoked += () => Publish(new ChangeNotice(ChangeKind.Keys, ""));
        redis?.GetSubscriber().Subscribe(Channel, (_, message) => OnMessage(message));
    }

    /// <summary>Raised on this node for each change, made here or on another node.</summary>
    public event Action<ChangeNotice>? Received;

    /// <summary>How many notices from other nodes this node has acted on.</summary>
    public int ReceivedFromOtherNodes { get; private set; }

    public void Publish(ChangeNotice notice)
    {
        Received?.Invoke(notice);
        if (_redis is null)
        {
            return;
        }

        _ = PublishAsync(_redis, notice);
    }

    // Not awaited by the change that raised it: the change is made, and a notice that fails only delays the other nodes.
    private async Task PublishAsync(IConnectionMultiplexer redis, ChangeNotice notice)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, $"{_node}|{notice.Kind}|{notice.Subject}");
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // The other nodes' caches expire on their own: aliases within a second, keys within ten.
            _logger.LogWarning("A change notice ({Kind} {Subject}) could not reach the other nodes: {Reason}", notice.Kind, notice.Subject, ex.Message);
        }
    }

    private void OnMessage(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split('|', 3);
        if (parts.Length != 3 || parts[0] == _node || !Enum.TryParse<ChangeKind>(parts[1], out var kind))
        {
            return;
        }

        ReceivedFromOtherNodes++;
        Received?.Invoke(new ChangeNotice(kind, parts[2]));
    }
}
