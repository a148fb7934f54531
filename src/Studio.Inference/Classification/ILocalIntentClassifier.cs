namespace Studio.Inference.Classification;

/// <summary>
/// A rung that runs in this process in microseconds to milliseconds of CPU (n-grams, the encoder head): it answers
/// synchronously, and its asynchronous form only wraps that, so a small rung never costs a thread switch.
/// </summary>
public interface ILocalIntentClassifier : IIntentClassifier
{
    IntentPrediction Classify(string text);

    IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    ValueTask<IntentPrediction> IIntentClassifier.ClassifyAsync(string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Classify(text));
    }

    Task<IReadOnlyList<IntentPrediction>> IIntentClassifier.ClassifyBatchAsync(IReadOnlyList<string> texts, IProgress<int>? progress, CancellationToken cancellationToken) =>
        Task.FromResult(ClassifyBatch(texts, progress, cancellationToken));
}
