using Studio.Application.Runtime;
using Studio.Web.Runtime;

namespace Studio.Web.Hosting;

public static class RuntimeExtensions
{
    /// <summary>The runtime's HTTP side: API keys and the OpenAPI document (the served-bot services come from the application layer).</summary>
    public static IHostApplicationBuilder AddStudioRuntime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyGate>();
        builder.Services.AddSingleton<RateBudgets>();
        builder.Services.AddWebChatCors();
        builder.Services.AddOpenApi();
        return builder;
    }
}
