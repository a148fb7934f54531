using Studio.Core.Bots;
using Studio.Inference.Bots;
using Studio.Inference.Serving;
using Studio.Application.Publishing;

namespace Studio.Application.Runtime;

/// <summary>A published version loaded for serving: its pipeline (document, trained heads, setup) and the models it was published with.</summary>
/// <param name="Lineage">The row id of the bot's first version: new after the bot is retired or deleted and published again.</param>
public sealed record ServedVersion(BotPipeline Pipeline, int Number, string ContentHash, IReadOnlyList<ModelFileRecord> Models, long Lineage)
{
    public BotDefinition Bot => Pipeline.Bot;

    public TrainedBot Trained => Pipeline.Trained;
}

/// <summary>No bot, alias or version by that name.</summary>
public class VersionNotFoundException(string message) : Exception(message);
