using Studio.Core.Bots;
using Studio.Inference.Bots;
using Studio.Web.Publishing;

namespace Studio.Web.Runtime;

/// <summary>A published version loaded for serving: its document, its trained heads and the models it was published with.</summary>
public sealed record ServedVersion(BotDefinition Bot, int Number, string ContentHash, TrainedBot Trained, IReadOnlyList<ModelFileRecord> Models);

/// <summary>No bot, alias or version by that name.</summary>
public sealed class VersionNotFoundException(string message) : Exception(message);
