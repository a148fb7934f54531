using System.ClientModel;
using Studio.Core.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Models;

namespace Studio.Inference.Llm;

/// <summary>Runs a bot's understanding tasks on a large rung, so the studio can put it beside the small ones.</summary>
public sealed class LlmAnalyzer(ModelRegistry registry, ITextEmbedder embedder)
{
    /// <summary>Few-shot examples shown to the model, chosen by similarity to the message.</summary>
    public const int Shots = LargeModelRung.DefaultShots;

    public async Task<LlmAnalysis> AnalyzeAsync(BotDefinition bot, string modelId, string text, CancellationToken cancellationToken = default)
    {
        try
        {
            var profile = registry.Find(modelId) ?? throw new ModelUnavailableException($"There is no model '{modelId}'.", unknown: true);
            var tasks = new LlmTasks(registry.ChatClient(modelId), profile, embedder);
            var intent = bot.Intents.Count > 0 ? await tasks.ClassifyIntentAsync(text, bot, Shots, cancellationToken: cancellationToken) : null;
            var sentiment = await tasks.SentimentAsync(text, cancellationToken);
            var entities = bot.Entities.Count > 0 ? await tasks.ExtractEntitiesAsync(text, Studio.Core.Entities.MarkedEntities.Taught(bot), cancellationToken) : null;
            return new LlmAnalysis(modelId, intent, sentiment, entities, null);
        }
        catch (Exception ex) when (ex is ModelUnavailableException or ModelBusyException or ArgumentException or HttpRequestException or ClientResultException or TimeoutException)
        {
            return new LlmAnalysis(modelId, null, null, null, ex.Message);
        }
    }
}
