using System.Globalization;

namespace Studio.Core.Comparison;

/// <summary>The right-size choice: the cheapest, then fastest setup within the designer's tolerance of the best accuracy, and why.</summary>
public sealed record Recommendation(SetupResult Setup, SetupResult Best, double TolerancePoints, string Reason)
{
    public static Recommendation? Choose(IReadOnlyList<SetupResult> results, double tolerancePoints)
    {
        if (results.Count == 0)
        {
            return null;
        }

        var best = results.MaxBy(r => r.Accuracy)!;
        var chosen = results
            .Where(r => (best.Accuracy - r.Accuracy) * 100 <= tolerancePoints + 1e-9)
            .OrderBy(r => r.CostPer1000).ThenBy(r => r.MeanMs).ThenByDescending(r => r.Accuracy)
            .First();
        var reason = ReferenceEquals(chosen, best)
            ? string.Create(CultureInfo.InvariantCulture, $"{chosen.Setup} is the most accurate ({chosen.Accuracy * 100:0.0} %) and nothing cheaper comes within {tolerancePoints:0.#} points.")
            : string.Create(CultureInfo.InvariantCulture,
                $"{chosen.Setup} reaches {chosen.Accuracy * 100:0.0} %, within {tolerancePoints:0.#} points of {best.Setup} ({best.Accuracy * 100:0.0} %), {Saving(chosen, best)}.");
        return new Recommendation(chosen, best, tolerancePoints, reason);
    }

    // What the smaller choice saves: the cost when it is cheaper, otherwise (free setups, or the same price) only the time per message.
    private static string Saving(SetupResult chosen, SetupResult best) =>
        chosen.CostPer1000 < best.CostPer1000
            ? string.Create(CultureInfo.InvariantCulture,
                $"at {chosen.CostPer1000:0.####} per 1,000 conversations instead of {best.CostPer1000:0.####} and {chosen.MeanMs:0.00} ms instead of {best.MeanMs:0.00} ms per message")
            : string.Create(CultureInfo.InvariantCulture,
                $"{(chosen.CostPer1000 == 0 ? "both free to run" : "at the same cost")}, in {chosen.MeanMs:0.00} ms instead of {best.MeanMs:0.00} ms per message");
}
