using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Studio.Core;
using Studio.Data;
using Studio.Inference.Models;

namespace Studio.Web.Hosting;

/// <summary>The database answers a connection.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<StudioDbContext> contexts, IOptions<DatabaseOptions> database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var name = database.Value.IsPostgreSql ? "PostgreSQL" : "SQLite";
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{name} answers")
                : HealthCheckResult.Unhealthy($"{name} (Database settings) cannot be reached");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{name} (Database settings) cannot be reached");
        }
    }
}

/// <summary>Redis answers a ping, when the node shares its state through it.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer? redis = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis is null)
        {
            return HealthCheckResult.Healthy("not configured: this node keeps conversation state in memory");
        }

        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy("Redis answers");
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis (Redis:Configuration) cannot be reached; runtime requests answer 503 until it is back");
        }
    }
}

/// <summary>The encoder is loaded and every local model file registered is where its profile says.</summary>
internal sealed class ModelFilesHealthCheck(Studio.Inference.Encoding.OnnxSentenceEncoder encoder, ModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = registry.Profiles.Where(p => p.Kind == ModelKind.Gguf && (p.Path is null || !File.Exists(p.Path))).Select(p => p.Id).ToList();
        return Task.FromResult(missing.Count == 0 && encoder.ModelHash.Length > 0
            ? HealthCheckResult.Healthy("the encoder is loaded and every local model file is in place")
            : HealthCheckResult.Unhealthy($"{missing.Count} local model file(s) missing; the log at start-up and the Models page name them"));
    }
}
