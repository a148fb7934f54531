namespace Studio.Inference.Classification;

/// <summary>
/// Splits labelled examples into a training part and a held-out part (every n-th example of each
/// intent that has at least five), deterministically, so calibration never sees its training data.
/// </summary>
public static class HeldOutSplit
{
    public static (int[] Train, int[] HeldOut) Split(IReadOnlyList<int> labels, int every)
    {
        var train = new List<int>();
        var heldOut = new List<int>();
        var sizes = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var seen = new Dictionary<int, int>();
        for (var i = 0; i < labels.Count; i++)
        {
            var position = seen[labels[i]] = seen.GetValueOrDefault(labels[i]) + 1;
            if (sizes[labels[i]] >= 5 && position % every == 0)
            {
                heldOut.Add(i);
            }
            else
            {
                train.Add(i);
            }
        }

        return ([.. train], [.. heldOut]);
    }

    /// <summary>The score below which only <paramref name="budget"/> of the held-out in-scope scores fall.</summary>
    public static float Threshold(IReadOnlyList<float> inScopeScores, double budget)
    {
        if (inScopeScores.Count == 0)
        {
            return 0f;
        }

        var sorted = inScopeScores.Order().ToArray();
        var index = (int)Math.Floor(budget * sorted.Length);
        return index <= 0 ? sorted[0] - 1e-6f : sorted[Math.Min(index, sorted.Length - 1)];
    }
}
