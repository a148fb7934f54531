using Microsoft.Extensions.Options;
using Studio.Inference.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Web.Training;

namespace Studio.Web.Hosting;

public static class InferenceExtensions
{
    private const string HostedModelsClient = "hosted-models";

    /// <summary>
    /// The small-model engine: the sentence encoder (configured files are checked at start-up; the weights are
    /// loaded once, on first use, and shared), bot training and intent analysis.
    /// </summary>
    public static IHostApplicationBuilder AddStudioInference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EncoderOptions>()
            .BindConfiguration(EncoderOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.ModelPath) || File.Exists(o.ModelPath),
                "Encoder:ModelPath names a file that does not exist; fix the path or remove it to use the bundled all-MiniLM-L6-v2.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ModelPath) || File.Exists(o.VocabularyPath),
                "Encoder:VocabularyPath must name the vocab.txt of the model in Encoder:ModelPath.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => OnnxSentenceEncoder.Load(sp.GetRequiredService<IOptions<EncoderOptions>>().Value));
        builder.Services.AddSingleton<BotTrainer>();
        builder.Services.AddSingleton<IntentQualityAnalyzer>();
        builder.Services.AddSingleton<TrainingService>();
        builder.Services.AddSingleton<ComparisonHistory>();
        builder.Services.AddSingleton(sp => new Studio.Inference.Comparison.ComparisonRunner(sp.GetRequiredService<OnnxSentenceEncoder>(),
            sp.GetRequiredService<Studio.Core.Embeddings.IEmbeddingStore>(), sp.GetRequiredService<ModelRegistry>()));
        builder.Services.AddSingleton(sp => new LlmAnalyzer(sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<OnnxSentenceEncoder>()));
        builder.Services.AddSingleton(sp => new Studio.Inference.Comparison.LiveReplier(sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<OnnxSentenceEncoder>()));

        // Hosted models: HttpClients with the standard retry, timeout and circuit-breaker handlers, tuned by
        // the HostedModels section (generations are slow, so an attempt may take a minute by default).
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
        return builder;
    }
}
