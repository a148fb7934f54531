using Studio.Web.Publishing;
using Studio.Web.Runtime;

namespace Studio.Web.Hosting;

public static class RuntimeExtensions
{
    /// <summary>Publishing and the runtime: versions, served bots, conversation state, API keys and transcripts.</summary>
    public static IHostApplicationBuilder AddStudioRuntime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName);
        builder.Services.AddMemoryCache();
        // Conversation state: in memory on one node; a scaled-out runtime registers Redis here instead.
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSingleton<ModelFileHasher>();
        builder.Services.AddSingleton<Publisher>();
        builder.Services.AddSingleton<PublishedBots>();
        builder.Services.AddSingleton<RuntimeConversations>();
        builder.Services.AddSingleton<ApiKeyGate>();
        builder.Services.AddSingleton<TranscriptWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TranscriptWriter>());
        builder.Services.AddOpenApi();
        return builder;
    }
}
