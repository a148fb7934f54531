using System.Globalization;

namespace Studio.Core.Comparison;

/// <summary>A rung to walk: the setup that runs it alone, its name, and its size when known.</summary>
/// <param name="Parameters">Parameter count; null when the profile does not say (a large model then ranks above every small rung).</param>
/// <param name="IsLarge">A generative model, prompted rather than trained.</param>
public sealed record LadderRung(string Setup, string DisplayName, long? Parameters, bool IsLarge)
{
    /// <summary>The order of the walk: by parameter count, and a large model of unknown size above all small rungs.</summary>
    public long SizeRank => Parameters ?? (IsLarge ? long.MaxValue : 0);
}

/// <summary>One step down the ladder: a rung (or the cascade tried after the walk), its figures, and whether it held.</summary>
public sealed record LadderStep(LadderRung Rung, SetupResult Result, bool Holds);

/// <summary>
/// The walk down the model ladder: every rung measured on the same test set from the largest down, the step where
/// accuracy first falls beyond the tolerance of the best, and the smallest rung, or cheaper cascade, that holds.
/// </summary>
/// <param name="Steps">Largest rung first.</param>
/// <param name="Drop">The first step down that falls beyond the tolerance after one that held; null when none does.</param>
/// <param name="Cascade">The cascade tried when the smallest rung did not hold, with whether it held.</param>
/// <param name="Recommended">The setup to serve.</param>
public sealed record LadderWalk(IReadOnlyList<LadderStep> Steps, SetupResult Best, double TolerancePoints, LadderStep? Drop, LadderStep? Cascade,
    SetupResult Recommended, string Reason)
{
    /// <summary>Whether a result is within the tolerance of the best accuracy.</summary>
    public static bool Holds(SetupResult result, double bestAccuracy, double tolerancePoints) => (bestAccuracy - result.Accuracy) * 100 <= tolerancePoints + 1e-9;

    /// <summary>The rungs in the walk's order, largest first; equal sizes keep the order given.</summary>
    public static IReadOnlyList<LadderRung> Order(IEnumerable<LadderRung> rungs) => [.. rungs.OrderByDescending(r => r.SizeRank)];

    /// <summary>The cascade worth trying after a walk: the smallest rung escalating to the smallest that held, when the smallest did not hold.</summary>
    public static string? CascadeToTry(IReadOnlyList<LadderRung> rungs, IReadOnlyList<SetupResult> results, double tolerancePoints)
    {
        var steps = StepsOf(rungs, results, tolerancePoints);
        if (steps.Count < 2 || steps[^1].Holds)
        {
            return null;
        }

        var holder = steps.LastOrDefault(s => s.Holds);
        return holder is null ? null : $"cascade:{steps[^1].Rung.Setup}>{holder.Rung.Setup}";
    }

    /// <param name="rungs">In the walk's order (<see cref="Order"/>), one result each, in the same order.</param>
    /// <param name="cascade">The result of <see cref="CascadeToTry"/>'s cascade when it was run.</param>
    public static LadderWalk Walk(IReadOnlyList<LadderRung> rungs, IReadOnlyList<SetupResult> results, double tolerancePoints, SetupResult? cascade = null)
    {
        if (!double.IsFinite(tolerancePoints) || tolerancePoints < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerancePoints), "The tolerance is a number of accuracy points, 0 or more.");
        }

        if (rungs.Count == 0 || rungs.Count != results.Count)
        {
            throw new ArgumentException("A walk needs one result for each rung, and at least one rung.", nameof(results));
        }

        var steps = StepsOf(rungs, results, tolerancePoints);
        var best = results.MaxBy(r => r.Accuracy)!;
        var firstHeld = steps.FindIndex(s => s.Holds);
        var drop = steps.Skip(firstHeld + 1).FirstOrDefault(s => !s.Holds);
        var holder = steps.LastOrDefault(s => s.Holds) ?? steps.First(s => ReferenceEquals(s.Result, best)); // the best holds at any tolerance ≥ 0
        LadderStep? cascadeStep = null;
        if (cascade is not null)
        {
            var small = steps[^1].Rung;
            cascadeStep = new LadderStep(new LadderRung(cascade.Setup, $"{small.DisplayName} escalating to {holder.Rung.DisplayName}", small.Parameters, false),
                cascade, Holds(cascade, best.Accuracy, tolerancePoints));
        }

        var cascadeWins = cascadeStep is { Holds: true }
            && (cascadeStep.Result.CostPer1000, cascadeStep.Result.MeanMs).CompareTo((holder.Result.CostPer1000, holder.Result.MeanMs)) < 0;
        var recommended = cascadeWins ? cascadeStep!.Result : holder.Result;
        return new LadderWalk(steps, best, tolerancePoints, drop, cascadeStep, recommended, Explain(steps, best, holder, drop, cascadeStep, cascadeWins, tolerancePoints));
    }

    private static List<LadderStep> StepsOf(IReadOnlyList<LadderRung> rungs, IReadOnlyList<SetupResult> results, double tolerancePoints)
    {
        var best = results.Max(r => r.Accuracy);
        return [.. rungs.Select((rung, i) => new LadderStep(rung, results[i], Holds(results[i], best, tolerancePoints)))];
    }

    private static string Explain(List<LadderStep> steps, SetupResult best, LadderStep holder, LadderStep? drop, LadderStep? cascade, bool cascadeWins, double tolerance)
    {
        static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture);
        var tol = tolerance.ToString("0.#", CultureInfo.InvariantCulture);
        var head = drop is null
            ? $"No step down falls more than {tol} points below the best ({best.Setup}, {Pct(best.Accuracy)} %)."
            : $"Quality drops at {drop.Result.Setup}: {Pct(drop.Result.Accuracy)} % against the best {Pct(best.Accuracy)} % ({best.Setup}), more than {tol} points.";
        var tail = cascadeWins
            ? $" The cascade {cascade!.Result.Setup} holds at {Pct(cascade.Result.Accuracy)} %, escalating {Pct(cascade.Result.EscalatedShare ?? 0)} % of messages, "
                + string.Create(CultureInfo.InvariantCulture, $"at {cascade.Result.MeanMs:0.00} ms per message against {holder.Result.MeanMs:0.00} ms for {holder.Result.Setup} alone: serve the cascade.")
            : holder == steps[^1]
                ? $" The smallest rung, {holder.Result.Setup}, holds at {Pct(holder.Result.Accuracy)} %: serve it."
                : $" The smallest rung that holds is {holder.Result.Setup} at {Pct(holder.Result.Accuracy)} %: serve it"
                    + (cascade is null ? "." : $"; the cascade {cascade.Result.Setup} reached {Pct(cascade.Result.Accuracy)} %{(cascade.Holds ? " but costs no less" : ", below the tolerance")}.");
        return head + tail;
    }
}
