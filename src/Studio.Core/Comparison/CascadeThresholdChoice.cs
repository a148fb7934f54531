using System.Globalization;

namespace Studio.Core.Comparison;

/// <summary>
/// The threshold at which a cascade meets the designer's tolerance at least cost: the cheapest point of its
/// sweep within tolerance of the best accuracy of the run, then the fastest, then the one escalating least.
/// </summary>
public sealed record CascadeThresholdChoice(string Setup, ThresholdPoint Point, string Reason)
{
    public static CascadeThresholdChoice? Choose(string small, string large, IReadOnlyList<ThresholdPoint> sweep, double bestAccuracy, string bestSetup, double tolerancePoints)
    {
        var chosen = sweep
            .Where(p => (bestAccuracy - p.Accuracy) * 100 <= tolerancePoints + 1e-9)
            .OrderBy(p => p.CostPer1000).ThenBy(p => p.MeanMs).ThenBy(p => p.EscalatedShare)
            .FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        var setup = string.Create(CultureInfo.InvariantCulture, $"cascade:{small}>{large}@{chosen.Threshold:0.###}");
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"At threshold {chosen.Threshold:0.###} the cascade reaches {chosen.Accuracy * 100:0.0} % (best: {bestSetup}, {bestAccuracy * 100:0.0} %), escalating {chosen.EscalatedShare * 100:0.0} % of messages to {large}, {(chosen.CostPer1000 == 0 ? "free to run" : $"at {chosen.CostPer1000:0.####} per 1,000 conversations")} and {chosen.MeanMs:0.00} ms per message on average.");
        return new CascadeThresholdChoice(setup, chosen, reason);
    }
}
