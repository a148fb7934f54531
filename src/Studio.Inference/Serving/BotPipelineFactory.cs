using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Core.Setups;
using Studio.Inference.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Llm;
using Studio.Inference.Models;

namespace Studio.Inference.Serving;

/// <summary>
/// Builds served bots: the one way a bot document, its trained heads, the model registry and a setup become a
/// <see cref="BotPipeline"/>. A setup that names a model this installation does not have is refused here, naming it,
/// so nothing is ever served with another rung than the one asked for.
/// </summary>
/// <param name="actions">Makes action nodes' calls; without it the pipelines it builds make none.</param>
public sealed class BotPipelineFactory(ModelRegistry registry, ITextEmbedder embedder, TimeProvider clock, Studio.Core.Conversations.ActionCaller? actions = null) : IBotCheck
{
    /// <summary>The bot as its own <c>models</c> section says to serve it.</summary>
    public BotPipeline Create(BotDefinition bot, TrainedBot trained) => Create(bot, trained, BotSetup.Of(bot.Models));

    /// <summary>The bot with another setup, as a comparison or a side-by-side column tries it.</summary>
    public BotPipeline Create(BotDefinition bot, TrainedBot trained, BotSetup setup)
    {
        Check(setup, bot);
        return new BotPipeline(bot, trained, setup, registry, profile => LlmTasks.On(registry, profile, embedder), clock, actions);
    }

    /// <summary>Refuses a setup that cannot be served here, naming the rung or model and why.</summary>
    public void Check(BotSetup setup)
    {
        foreach (var rung in setup.Intent.Rungs.Where(r => r.IsLarge))
        {
            _ = LargeModelRung.Resolve(registry, rung);
        }

        if (setup.Sentiment is { Kind: SentimentKind.LargeModel, Profile: { } sentiment } && registry.Find(sentiment) is not { IsGenerative: true })
        {
            throw new SetupException($"Unknown model '{sentiment}' for sentiment: use head, ngram or a large-model profile ({LargeModelRung.Known(registry)}).");
        }

        if (setup.Generation is { } generation && registry.Find(generation) is not { IsGenerative: true })
        {
            throw new SetupException($"Unknown model '{generation}' for generation: use a large-model profile ({LargeModelRung.Known(registry)}).");
        }
    }

    /// <summary>Refuses a setup that cannot be served for this bot: a model the registry lacks, or a prompt the bot lacks.</summary>
    public void Check(BotSetup setup, BotDefinition bot)
    {
        Check(setup);
        foreach (var rung in setup.Intent.Rungs.Where(r => r.IsLarge))
        {
            _ = LargeModelRung.PromptOf(bot, rung);
        }
    }

    /// <summary>The setup as written, with every rung checked against what can run it.</summary>
    public BotSetup Parse(string setup)
    {
        var parsed = BotSetup.Parse(setup);
        Check(parsed);
        return parsed;
    }

    /// <summary>Run on every save of a draft: a bot whose <c>models</c> this installation cannot serve is refused with the reason.</summary>
    public IReadOnlyList<BotProblem> Check(BotDefinition bot)
    {
        try
        {
            Check(BotSetup.Of(bot.Models), bot);
            return [];
        }
        catch (SetupException ex)
        {
            return [new BotProblem(ex.Message, "/models")];
        }
    }
}
