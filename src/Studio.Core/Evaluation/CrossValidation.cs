namespace Studio.Core.Evaluation;

/// <summary>Stratified k-fold splits: every label is spread evenly over the folds, the same way for the same seed.</summary>
public static class CrossValidation
{
    /// <summary>The fold (0 to k−1) of each example.</summary>
    public static int[] StratifiedFolds(IReadOnlyList<string> labels, int k, int seed = 17)
    {
        if (k < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "Cross-validation needs at least two folds.");
        }

        var folds = new int[labels.Count];
        var random = new Random(seed);
        var next = 0;
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (var member in members)
            {
                // Continue the round-robin across labels so small labels do not all land in fold 0.
                folds[member] = next++ % k;
            }
        }

        return folds;
    }
}
