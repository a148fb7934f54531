namespace Studio.Core.Evaluation;

/// <summary>
/// How well predicted intents match expected ones. A null label means out of scope: expected null is a
/// message the bot should reject, predicted null is a rejection.
/// </summary>
public sealed record ClassificationReport(
    int Count,
    double Accuracy,
    double MacroF1,
    double InScopeAccuracy,
    double? OutOfScopePrecision,
    double? OutOfScopeRecall,
    IReadOnlyList<LabelMetrics> PerLabel,
    ConfusionMatrix Confusion)
{
    public static ClassificationReport Compute(IReadOnlyList<string?> expected, IReadOnlyList<string?> predicted)
    {
        if (expected.Count != predicted.Count)
        {
            throw new ArgumentException("Expected and predicted labels must pair up one to one.", nameof(predicted));
        }

        var inScopeLabels = expected.Concat(predicted).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var hasOutOfScope = expected.Any(e => e is null) || predicted.Any(p => p is null);
        var labels = hasOutOfScope ? [.. inScopeLabels, ConfusionMatrix.OutOfScope] : inScopeLabels;
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var counts = new int[labels.Count, labels.Count];
        for (var i = 0; i < expected.Count; i++)
        {
            counts[index[expected[i] ?? ConfusionMatrix.OutOfScope], index[predicted[i] ?? ConfusionMatrix.OutOfScope]]++;
        }

        var perLabel = new List<LabelMetrics>();
        foreach (var label in inScopeLabels)
        {
            var k = index[label];
            var truePositives = counts[k, k];
            var predictedCount = Enumerable.Range(0, labels.Count).Sum(e => counts[e, k]);
            var support = Enumerable.Range(0, labels.Count).Sum(p => counts[k, p]);
            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perLabel.Add(new LabelMetrics(label, precision, recall, f1, support));
        }

        var correct = Enumerable.Range(0, expected.Count).Count(i => expected[i] == predicted[i]);
        var inScope = Enumerable.Range(0, expected.Count).Where(i => expected[i] is not null).ToList();
        var rejected = Enumerable.Range(0, expected.Count).Where(i => predicted[i] is null).ToList();
        var foreign = Enumerable.Range(0, expected.Count).Where(i => expected[i] is null).ToList();
        var supported = perLabel.Where(m => m.Support > 0).ToList();

        return new ClassificationReport(
            expected.Count,
            expected.Count == 0 ? 0 : (double)correct / expected.Count,
            supported.Count == 0 ? 0 : supported.Average(m => m.F1),
            inScope.Count == 0 ? 0 : (double)inScope.Count(i => predicted[i] == expected[i]) / inScope.Count,
            rejected.Count == 0 ? null : (double)rejected.Count(i => expected[i] is null) / rejected.Count,
            foreign.Count == 0 ? null : (double)foreign.Count(i => predicted[i] is null) / foreign.Count,
            perLabel,
            new ConfusionMatrix(labels, counts));
    }
}
