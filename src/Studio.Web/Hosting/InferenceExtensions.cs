using Microsoft.Extensions.Options;
using Studio.Inference.Bots;
using Studio.Inference.Encoding;
using Studio.Web.Training;

namespace Studio.Web.Hosting;

public static class InferenceExtensions
{
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
        return builder;
    }
}
