using System.Globalization;

namespace Studio.Inference.Classification;

/// <summary>
/// Decides out of scope from one signal or several: each is standardised by its mean and spread over held-out in-scope
/// examples, and their mean is compared with a threshold. Signals on different scales (a cosine, a distance, a logit)
/// then count alike, and a message must look foreign on the whole rather than on one measure. A floor on the nearest
/// example's similarity rejects what is plainly foreign (a recipe question to a bank) whatever the other signals say:
/// a head's probability can be high for text unlike anything it was trained on.
/// </summary>
public sealed class OutOfScopeDetector
{
    public OutOfScopeDetector(IReadOnlyList<OutOfScopeSignal> signals, IReadOnlyList<float> means, IReadOnlyList<float> scales, float threshold,
        float nearestFloor = float.NegativeInfinity)
    {
        if (signals.Count == 0 || means.Count != signals.Count || scales.Count != signals.Count)
        {
            throw new ArgumentException("A detector needs one mean and one scale per signal.");
        }

        Signals = signals;
        Means = means;
        Scales = scales;
        Threshold = threshold;
        NearestFloor = nearestFloor;
    }

    /// <summary>Below this cosine similarity to the nearest example a message is out of scope, whatever its score.</summary>
    public float NearestFloor { get; }

    /// <summary>The detector new bots get: chosen on BANKING77 with a quarter of its intents held out as unseen (docs/decisions/0020).</summary>
    public static readonly IReadOnlyList<OutOfScopeSignal> Default = [OutOfScopeSignal.Nearest, OutOfScopeSignal.Probability];

    public IReadOnlyList<OutOfScopeSignal> Signals { get; }

    public IReadOnlyList<float> Means { get; }

    public IReadOnlyList<float> Scales { get; }

    public float Threshold { get; }

    public string Name => Describe(Signals);

    public static string Describe(IReadOnlyList<OutOfScopeSignal> signals) =>
        string.Join('+', signals.Select(s => JsonNamingPolicyName(s)));

    /// <summary>Parses <c>nearest</c>, <c>mahalanobis+maxLogit</c> and the like.</summary>
    public static IReadOnlyList<OutOfScopeSignal> Parse(string text)
    {
        var signals = new List<OutOfScopeSignal>();
        foreach (var part in text.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<OutOfScopeSignal>(part, ignoreCase: true, out var signal) || !Enum.IsDefined(signal))
            {
                throw new ArgumentException($"Unknown out-of-scope signal '{part}'. Signals: {string.Join(", ", Enum.GetValues<OutOfScopeSignal>().Select(JsonNamingPolicyName))}.");
            }

            if (!signals.Contains(signal))
            {
                signals.Add(signal);
            }
        }

        return signals.Count > 0 ? signals : throw new ArgumentException("Name at least one out-of-scope signal.");
    }

    public float Score(in OutOfScopeSignals signals)
    {
        var sum = 0f;
        for (var i = 0; i < Signals.Count; i++)
        {
            sum += (signals[Signals[i]] - Means[i]) / Scales[i];
        }

        return sum / Signals.Count;
    }

    public bool IsOutOfScope(in OutOfScopeSignals signals) => IsOutOfScope(signals, Score(signals));

    /// <summary>The decision for signals whose <see cref="Score"/> is already known.</summary>
    public bool IsOutOfScope(in OutOfScopeSignals signals, float score) => signals.Nearest < NearestFloor || score < Threshold;

    /// <summary>
    /// Standardises the signals on held-out in-scope examples and picks the threshold that costs at most
    /// <paramref name="accuracyCost"/> of their accuracy: only that share of the examples the rung got right may fall below it
    /// (rejecting a wrong answer costs nothing, so a detector that agrees with the rung's mistakes is cheap). The nearest
    /// example floor lets <paramref name="floorBudget"/> of the held-out examples fall below it, and what it costs comes
    /// out of the same budget.
    /// </summary>
    public static OutOfScopeDetector Calibrate(IReadOnlyList<OutOfScopeSignal> signals, IReadOnlyList<OutOfScopeSignals> heldOut, IReadOnlyList<bool> correct, double accuracyCost,
        double floorBudget = FloorBudget)
    {
        if (heldOut.Count == 0)
        {
            // Nothing to calibrate on: a detector that never rejects, in the signals' own units.
            return new OutOfScopeDetector(signals, signals.Select(_ => 0f).ToArray(), signals.Select(_ => 1f).ToArray(), float.NegativeInfinity);
        }

        var means = new float[signals.Count];
        var scales = new float[signals.Count];
        for (var i = 0; i < signals.Count; i++)
        {
            var values = heldOut.Select(s => (double)s[signals[i]]).ToArray();
            var mean = values.Average();
            var spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            means[i] = (float)mean;
            scales[i] = spread > 1e-6 ? (float)spread : 1f;
        }

        var floor = HeldOutSplit.Threshold(heldOut.Select(s => s.Nearest).ToArray(), floorBudget);
        var unscaled = new OutOfScopeDetector(signals, means, scales, 0f);
        var passing = Enumerable.Range(0, heldOut.Count).Where(i => heldOut[i].Nearest >= floor).ToArray();
        var rightScores = passing.Where(i => correct[i]).Select(i => unscaled.Score(heldOut[i])).Order().ToArray();
        var rightBelowFloor = Enumerable.Range(0, heldOut.Count).Count(i => correct[i] && heldOut[i].Nearest < floor);
        var allowed = Math.Max(0, (int)Math.Floor(accuracyCost * heldOut.Count) - rightBelowFloor);
        var threshold = rightScores.Length == 0
            ? heldOut.Min(s => unscaled.Score(s)) - 1e-4f
            : ThresholdKeeping(rightScores, allowed);
        return new OutOfScopeDetector(signals, means, scales, threshold, floor);
    }

    /// <summary>The share of held-out examples the nearest-example floor may reject.</summary>
    public const double FloorBudget = 0.005;

    // Accept from the (allowed + 1)-th lowest right answer up; a hair below it, so ties with it are kept.
    private static float ThresholdKeeping(float[] sortedRightScores, int allowed) =>
        allowed >= sortedRightScores.Length ? sortedRightScores[^1] : sortedRightScores[allowed] - 1e-6f;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} < {Threshold:0.###}");

    private static string JsonNamingPolicyName(OutOfScopeSignal signal) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(signal.ToString());
}
