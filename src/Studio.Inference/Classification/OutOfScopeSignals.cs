namespace Studio.Inference.Classification;

/// <summary>
/// What the encoder rung knows about how familiar a message is, each oriented so that higher means more in scope:
/// cosine similarity to the nearest training example and the mean of the nearest <see cref="KnnNeighbours"/>
/// (among the best-ranked intents' examples), minus the squared Mahalanobis distance to the nearest intent and the
/// same relative to all examples, the head's largest logit, its energy (log-sum-exp of the logits), and the top
/// calibrated probability.
/// </summary>
public readonly record struct OutOfScopeSignals(float Nearest, float Knn, float Mahalanobis, float RelativeMahalanobis, float MaxLogit, float Energy, float Probability)
{
    public const int KnnNeighbours = 5;

    public float this[OutOfScopeSignal signal] => signal switch
    {
        OutOfScopeSignal.Nearest => Nearest,
        OutOfScopeSignal.Knn => Knn,
        OutOfScopeSignal.Mahalanobis => Mahalanobis,
        OutOfScopeSignal.RelativeMahalanobis => RelativeMahalanobis,
        OutOfScopeSignal.MaxLogit => MaxLogit,
        OutOfScopeSignal.Energy => Energy,
        OutOfScopeSignal.Probability => Probability,
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };
}

public enum OutOfScopeSignal
{
    Nearest,
    Knn,
    Mahalanobis,
    RelativeMahalanobis,
    MaxLogit,
    Energy,
    Probability,
}
