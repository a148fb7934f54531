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
        // Without out-of-scope messages in the set there is nothing to be precise about: a rejection is then an in-scope
        // message missed, which accuracy counts, and precision is not applicable (shown "n/a") rather than 0 %.
        double? oosPrecision = foreign.Count == 0 || rejected.Count == 0 ? null : (double)rejected.Count(i => expected[i] is null) / rejected.Count;
        double? oosRecall = foreign.Count == 0 ? null : (double)foreign.Count(i => predicted[i] is null) / foreign.Count;

        // Macro-F1 over every class the set holds or the bot predicted, as scikit-learn's macro average: an intent predicted
        // but never expected counts with F1 0, and out of scope is a class when the set has out-of-scope messages. Over
        // expected intents alone, a bot that answered each out-of-scope message with an intent the set never expects
        // scored 100 % beside 71 % accuracy.
        var f1s = perLabel.Select(m => m.F1).ToList();
        if (foreign.Count > 0)
        {
            var (p, r) = (oosPrecision ?? 0, oosRecall ?? 0);
            f1s.Add(p + r == 0 ? 0 : 2 * p * r / (p + r));
        }

        return new ClassificationReport(
            expected.Count,
            expected.Count == 0 ? 0 : (double)correct / expected.Count,
            f1s.Count == 0 ? 0 : f1s.Average(),
            inScope.Count == 0 ? 0 : (double)inScope.Count(i => predicted[i] == expected[i]) / inScope.Count,
            oosPrecision,
            oosRecall,
            perLabel,
            new ConfusionMatrix(labels, counts));
    }
}
