namespace Studio.Core.Comparison;

/// <summary>One setup's figures in a comparison run. Costs are per 1,000 conversations at the profiles' prices.</summary>
/// <param name="SentimentAccuracy">Share of the test messages with an expected sentiment that the setup's sentiment rung got right.</param>
/// <param name="PeakMemoryMb">The studio process's largest working set while the setup trained and ran.</param>
public sealed record SetupResult(
    string Setup,
    double Accuracy,
    double MacroF1,
    double? OosPrecision,
    double? OosRecall,
    double P50Ms,
    double P95Ms,
    double MeanMs,
    long TokensIn,
    long TokensOut,
    decimal CostPer1000,
    double? EscalatedShare,
    double? PeakMemoryMb = null,
    double? SentimentAccuracy = null);
