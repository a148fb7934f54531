using Studio.Core.Bots;
using Studio.Inference.Bots;
using Studio.Application.Publishing;

namespace Studio.Application.Runtime;

/// <summary>A published version loaded for serving: its document, its trained heads and the models it was published with.</summary>
/// <param name="Lineage">The row id of the bot's first version: new after the bot is retired or deleted and published again.</param>
public sealed record ServedVersion(BotDefinition Bot, int Number, string ContentHash, TrainedBot Trained, IReadOnlyList<ModelFileRecord> Models, long Lineage);

/// <summary>No bot, alias or version by that name.</summary>
public class VersionNotFoundException(string message) : Exception(message);
