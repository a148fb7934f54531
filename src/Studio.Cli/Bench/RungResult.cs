namespace Studio.Cli.Bench;

/// <summary>One rung's figures in <c>studio bench intents</c>; property names are the JSON keys.</summary>
internal sealed record RungResult(
    string Rung,
    double Accuracy,
    double MacroF1,
    double InScopeAccuracy,
    double? OosPrecision,
    double? OosRecall,
    double TrainSeconds,
    double P50Ms,
    double P95Ms,
    double ThroughputPerSecond,
    double MeanMs,
    double? EscalatedShare,
    double ClosedSetAccuracy);
