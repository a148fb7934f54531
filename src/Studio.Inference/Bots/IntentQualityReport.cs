using Studio.Core.Evaluation;

namespace Studio.Inference.Bots;

/// <summary>An example whose nearest neighbours mostly belong to another intent: likely mislabelled, or the two intents overlap.</summary>
public sealed record SuspectExample(string Intent, string Example, string LooksLike, int NeighboursAgreeing, int Neighbours);

/// <summary>Cross-validated quality of a bot's intents with one rung.</summary>
public sealed record IntentQualityReport(
    string Rung,
    int Folds,
    ClassificationReport Report,
    IReadOnlyList<(string A, string B, int Count)> MostConfused,
    IReadOnlyList<SuspectExample> Suspects,
    double Seconds);
