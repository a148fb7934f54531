using Studio.Core.Evaluation;

namespace Studio.Core.Comparison;

/// <summary>
/// The detail behind one setup's figures, for the charts: F1 per intent, the confusion counts, every message's
/// latency, and for a cascade how accuracy and cost move with its threshold.
/// </summary>
public sealed record SetupBreakdown(
    string Setup,
    IReadOnlyList<LabelMetrics> PerIntent,
    ConfusionCounts Confusion,
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyList<ThresholdPoint>? ThresholdSweep);

/// <summary>A confusion matrix as plain data: rows are expected labels, columns predicted ones.</summary>
public sealed record ConfusionCounts(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Counts)
{
    public static ConfusionCounts From(ConfusionMatrix matrix) =>
        new(matrix.Labels, [.. Enumerable.Range(0, matrix.Labels.Count).Select(e => (IReadOnlyList<int>)[.. Enumerable.Range(0, matrix.Labels.Count).Select(p => matrix[e, p])])]);
}

/// <summary>A cascade run at one threshold: what it gets right, how much escalates, and what that costs.</summary>
public sealed record ThresholdPoint(float Threshold, double Accuracy, double EscalatedShare, double MeanMs, decimal CostPer1000);
