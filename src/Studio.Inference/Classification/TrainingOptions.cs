namespace Studio.Inference.Classification;

public sealed class TrainingOptions
{
    /// <summary>
    /// Share of in-scope held-out messages the out-of-scope threshold may reject; it bounds what the
    /// detector costs in in-scope accuracy.
    /// </summary>
    public double OutOfScopeBudget { get; init; } = 0.005;

    /// <summary>
    /// The encoder rung's out-of-scope threshold may cost at most this share of in-scope accuracy on held-out examples
    /// (0.01 is one point). Rejecting a message the rung would have got wrong costs nothing, so this is a budget for
    /// right answers turned into fallbacks.
    /// </summary>
    public double OutOfScopeAccuracyCost { get; init; } = DefaultOutOfScopeAccuracyCost;

    public const double DefaultOutOfScopeAccuracyCost = 0.01;

    /// <summary>
    /// Keep every familiarity signal of the held-out examples (benchmarks compare detectors on them); otherwise only the
    /// detector's own are computed, and a detector without Mahalanobis signals never fits the covariance.
    /// </summary>
    public bool CalibrateAllSignals { get; init; }

    /// <summary>The encoder rung's out-of-scope detector; null takes <see cref="OutOfScopeDetector.Default"/>.</summary>
    public IReadOnlyList<OutOfScopeSignal>? OutOfScopeSignals { get; init; }

    /// <summary>Every n-th example of an intent is held out to calibrate confidences and the out-of-scope threshold.</summary>
    public int HoldOutEvery { get; init; } = 7;

    /// <summary>Below this many examples in some intent the encoder rung uses nearest centroids instead of a trained head.</summary>
    public int MinExamplesForHead { get; init; } = 3;

    public int Seed { get; init; } = 17;
}
