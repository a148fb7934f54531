using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Studio.Application.ScaleOut;

/// <summary>What runtime nodes share: in this process by default; through Redis when <c>Redis:Configuration</c> is set.</summary>
public static class ScaleOutServices
{
    public static void AddScaleOut(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName);
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<ChangeNotices>();
        var redis = builder.Configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.IsConfigured)
        {
            services.AddDistributedMemoryCache();
            return;
        }

        services.AddSingleton<IConnectionMultiplexer>(_ => RedisConnection.Connect(redis));
        // Conversation state in Redis, through the one connection the node holds.
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((cache, sp) =>
        {
            cache.InstanceName = RedisConnection.Prefix + "state:";
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });
    }

    /// <summary>Connects to Redis now, when it is configured, so a server that is down stops start-up naming the setting.</summary>
    /// <exception cref="InvalidOperationException">Redis is configured and cannot be reached.</exception>
    public static void ConnectAtStart(IServiceProvider services)
    {
        services.GetService<IConnectionMultiplexer>();
        // Subscribes to other nodes' notices before the first request.
        services.GetRequiredService<ChangeNotices>();
    }
}
