using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Studio.Application.Jobs;
using Studio.Application.Publishing;
using Studio.Application.Runtime;
using Studio.Application.Training;
using Studio.Inference.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Llm;
using Studio.Inference.Models;

namespace Studio.Application;

public static class ApplicationServices
{
    private const string HostedModelsClient = "hosted-models";

    /// <summary>
    /// Everything a bot goes through, whoever asks (the studio, the runtime, the command line): the sentence encoder
    /// (configured files are checked at start-up; the weights load once, on first use, and are shared), the model
    /// registry, the job runner with training and comparisons, publishing, and the served-bot runtime. Storage is registered by the host.
    /// </summary>
    public static IHostApplicationBuilder AddStudioApplication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EncoderOptions>()
            .BindConfiguration(EncoderOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.ModelPath) || File.Exists(o.ModelPath),
                "Encoder:ModelPath names a file that does not exist; fix the path or remove it to use the bundled all-MiniLM-L6-v2.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ModelPath) || File.Exists(o.VocabularyPath),
                "Encoder:VocabularyPath must name the vocab.txt of the model in Encoder:ModelPath.")
            .ValidateOnStart();
        services.AddSingleton(sp => OnnxSentenceEncoder.Load(sp.GetRequiredService<IOptions<EncoderOptions>>().Value));
        services.AddSingleton<BotTrainer>();
        // The one way any surface builds a served bot; also the save-time check that a bot's setup can be served here.
        builder.AddStudioActions();
        Privacy.PrivacyServices.AddStudioPrivacy(builder);
        services.AddSingleton(sp => new Studio.Inference.Serving.BotPipelineFactory(sp.GetRequiredService<ModelRegistry>(),
            sp.GetRequiredService<OnnxSentenceEncoder>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Actions.WebhookActions>().Caller));
        services.AddSingleton<Studio.Core.Documents.IBotCheck>(sp => sp.GetRequiredService<Studio.Inference.Serving.BotPipelineFactory>());
        services.AddSingleton<Studio.Core.Documents.IBotCheck>(sp => sp.GetRequiredService<Actions.ActionChecks>());
        services.AddSingleton<IntentQualityAnalyzer>();
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Training, quality runs and comparisons share one queue and its workers, so they never outnumber the cores.
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        services.AddSingleton<TrainingService>();
        services.AddSingleton<LadderWalks>();
        services.AddSingleton<TeacherLabelling>();
        services.AddSingleton<ComparisonHistory>();
        services.AddSingleton(sp => new Studio.Inference.Comparison.ComparisonRunner(sp.GetRequiredService<OnnxSentenceEncoder>(),
            sp.GetRequiredService<Studio.Core.Embeddings.IEmbeddingStore>(), sp.GetRequiredService<ModelRegistry>()));
        services.AddSingleton(sp => new LlmAnalyzer(sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<OnnxSentenceEncoder>()));
        services.AddSingleton<Studio.Inference.Comparison.LiveReplier>();
        AddModels(builder);
        services.AddSingleton<Models.ModelProfiles>();
        AddRuntime(services);
        ScaleOut.ScaleOutServices.AddScaleOut(builder);
        return builder;
    }

    // Actions: two HttpClients (one retries, one tries once) that connect only where actions may, with the resilience handler's retry, circuit breaker
    // and timeout (the standard handler's strategies and defaults), one pipeline per host so that a failing API opens no
    // circuit for another. An action's own timeout bounds every try; retries are for methods safe to repeat, so a card
    // is never blocked twice.
    public static IHostApplicationBuilder AddStudioActions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Actions.ActionOptions>().BindConfiguration(Actions.ActionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new Actions.OutboundAddresses(sp.GetRequiredService<IOptions<Actions.ActionOptions>>().Value));
        builder.Services.AddSingleton(sp => new Actions.ActionChecks(sp.GetRequiredService<Actions.OutboundAddresses>(),
            sp.GetRequiredService<IOptions<Actions.ActionOptions>>().Value));
        builder.Services.AddSingleton<Actions.WebhookActions>();
        AddActionClient(builder.Services, Actions.WebhookActions.RepeatableClient, repeatable: true);
        AddActionClient(builder.Services, Actions.WebhookActions.OnceClient, repeatable: false);
        return builder;
    }

    private static void AddActionClient(IServiceCollection services, string name, bool repeatable)
    {
        var client = services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<Actions.OutboundAddresses>().Handler());
        client.AddResilienceHandler(name, (pipeline, context) =>
        {
            var retries = repeatable ? context.ServiceProvider.GetRequiredService<IOptions<Actions.ActionOptions>>().Value.Retries : 0;
            if (retries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = retries, Delay = TimeSpan.FromMilliseconds(100) });
            }

            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions());
            pipeline.AddTimeout(TimeSpan.FromSeconds(10)); // one try; the action's own timeout bounds them all
        }).SelectPipelineByAuthority();
        client.AddHttpMessageHandler(() => new Actions.DemoBank()); // inside the resilience handler, as a real API would be
    }

    // Hosted models: HttpClients with the standard retry, timeout and circuit-breaker handlers, tuned by the
    // HostedModels section (generations are slow, so an attempt may take a minute by default).
    private static void AddModels(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostedModelOptions>().BindConfiguration(HostedModelOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var hosted = builder.Configuration.GetSection(HostedModelOptions.SectionName).Get<HostedModelOptions>() ?? new HostedModelOptions();
        builder.Services.AddHttpClient(HostedModelsClient).AddStandardResilienceHandler(options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(hosted.AttemptTimeoutSeconds);
            // The circuit breaker's window must be at least twice an attempt.
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * hosted.AttemptTimeoutSeconds));
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(Math.Max(hosted.TotalTimeoutSeconds, hosted.AttemptTimeoutSeconds));
            options.Retry.MaxRetryAttempts = hosted.Retries;
            options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        });
        builder.Services.AddSingleton(sp => new ModelRegistry(
            sp.GetRequiredService<IConfiguration>().GetSection("Models").Get<Dictionary<string, ModelProfileOptions>>() ?? [],
            _ => sp.GetRequiredService<IHttpClientFactory>().CreateClient(HostedModelsClient),
            sp.GetRequiredService<ILogger<ModelRegistry>>()));
    }

    // Publishing and the runtime: versions, served bots, conversation state and transcripts.
    private static void AddRuntime(IServiceCollection services)
    {
        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName);
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModelFileHasher>();
        services.AddSingleton<Publisher>();
        services.AddSingleton<PublishedBots>();
        services.AddSingleton<Privacy.ProtectedState>();
        services.AddSingleton<Privacy.ConversationForgetting>();
        services.AddSingleton<Review.ReviewInbox>();
        services.AddSingleton<RuntimeConversations>();
        services.AddSingleton<TranscriptWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscriptWriter>());
    }
}
