namespace Studio.Inference.Classification;

/// <summary>
/// One rung of the model ladder doing intent classification; every rung answers the same way. Asynchronous because
/// a large model answers over seconds: a caller that goes away cancels the call through the token.
/// </summary>
public interface IIntentClassifier
{
    /// <summary>The rung's id: <c>ngram</c>, <c>encoder</c>, ...</summary>
    string Rung { get; }

    IReadOnlyList<string> Intents { get; }

    ValueTask<IntentPrediction> ClassifyAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Many messages at once; rungs that batch (the encoder) are faster this way.</summary>
    Task<IReadOnlyList<IntentPrediction>> ClassifyBatchAsync(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}
