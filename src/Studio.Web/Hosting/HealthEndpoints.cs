using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Studio.Web.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (for a supervisor's restart). <c>/health/ready</c>: it can serve, so a proxy
/// or orchestrator may send it traffic: the database answers, Redis answers when configured, and the model files the
/// node serves with are in place. Both are anonymous and say what failed without connection strings or paths.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static IHostApplicationBuilder AddStudioHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<RedisHealthCheck>("redis", tags: [Ready])
            .AddCheck<ModelFilesHealthCheck>("models", tags: [Ready]);
        return builder;
    }

    public static IEndpointRouteBuilder MapStudioHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, Json));
    }
}
