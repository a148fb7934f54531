namespace Studio.Core.Comparison;

/// <summary>The setups no other setup beats on both cost and accuracy: the only ones worth choosing between.</summary>
public static class ParetoFrontier
{
    public static IReadOnlyList<SetupResult> Of(IEnumerable<SetupResult> results)
    {
        var all = results.ToList();
        return [.. all.Where(r => !all.Any(o => Dominates(o, r))).OrderBy(r => r.CostPer1000).ThenByDescending(r => r.Accuracy)];
    }

    /// <summary>At least as cheap and as accurate, and strictly better on one of the two.</summary>
    public static bool Dominates(SetupResult a, SetupResult b) =>
        a.CostPer1000 <= b.CostPer1000 && a.Accuracy >= b.Accuracy && (a.CostPer1000 < b.CostPer1000 || a.Accuracy > b.Accuracy);
}
