using StackExchange.Redis;

namespace Studio.Application.ScaleOut;

/// <summary>The one connection to Redis a node holds, made at start-up so a server that is down stops the start.</summary>
public static class RedisConnection
{
    /// <summary>
    /// Prefix of the studio's keys and channels (conversation state, locks, change notices), so Redis can be shared with
    /// other applications. Rate budgets are RedisRateLimiting's, which wraps this name in its own: <c>rl:tb:{studio:rate:…}</c>.
    /// </summary>
    public const string Prefix = "studio:";

    /// <exception cref="InvalidOperationException">The setting does not parse (<see cref="Studio.Core.ServerUnreachableException"/>: the server cannot be reached): the message names <c>Redis:Configuration</c>.</exception>
    public static IConnectionMultiplexer Connect(RedisOptions options)
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Redis:Configuration does not parse: {ex.Message}", ex);
        }

        // Refused at start if unreachable; once connected, the multiplexer reconnects on its own. While it is disconnected a
        // command fails at once instead of queueing, so a request gets its 503 now rather than after a timeout.
        configuration.AbortOnConnectFail = true;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName = $"studio-{Environment.MachineName}-{Environment.ProcessId}";
        try
        {
            var connection = ConnectionMultiplexer.Connect(configuration);
            // Reconnecting later is the multiplexer's job, not start-up's.
            connection.GetDatabase().Ping();
            return connection;
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            throw new Studio.Core.ServerUnreachableException($"Redis in Redis:Configuration ({Describe(configuration)}) cannot be reached: {ex.Message}", ex);
        }
    }

    /// <summary>The servers a configuration names, without its password, for messages.</summary>
    public static string Describe(ConfigurationOptions configuration) => string.Join(", ", configuration.EndPoints.Select(e => e.ToString()));
}
