namespace Studio.Inference.Classification;

/// <summary>One rung of the model ladder doing intent classification; every rung answers the same way.</summary>
public interface IIntentClassifier
{
    /// <summary>The rung's id: <c>ngram</c>, <c>encoder</c>, ...</summary>
    string Rung { get; }

    IReadOnlyList<string> Intents { get; }

    IntentPrediction Classify(string text);

    /// <summary>Many messages at once; rungs that batch (the encoder) are faster this way.</summary>
    IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}
