using Studio.Inference.Learning;

namespace Studio.Inference.Classification;

/// <summary>
/// The smallest rung: TF-IDF over hashed word and character n-grams into a linear softmax. Trains in
/// seconds on thousands of examples, classifies in microseconds. Out of scope when the top calibrated
/// confidence is below the held-out threshold, or when the message shares no known n-gram at all.
/// </summary>
public sealed class NgramIntentClassifier(HashedNgramFeaturizer featurizer, LinearSoftmaxModel model, IReadOnlyList<string> intents, float outOfScopeThreshold)
    : ILocalIntentClassifier
{
    public const string RungId = "ngram";

    public string Rung => RungId;

    public IReadOnlyList<string> Intents { get; } = intents;

    public HashedNgramFeaturizer Featurizer { get; } = featurizer;

    public LinearSoftmaxModel Model { get; } = model;

    public float OutOfScopeThreshold { get; } = outOfScopeThreshold;

    public IntentPrediction Classify(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return IntentPrediction.Rejected(Intents);
        }

        var row = Featurizer.Featurize(text);
        if (row.Indices.Length == 0)
        {
            return IntentPrediction.Rejected(Intents);
        }

        var probabilities = Model.Probabilities(row);
        var ranking = IntentPrediction.Rank(Intents, probabilities);
        return new IntentPrediction(ranking, ranking[0].Confidence < OutOfScopeThreshold, ranking[0].Confidence);
    }

    public IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var predictions = new IntentPrediction[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            predictions[i] = Classify(texts[i]);
            if (i % 256 == 255)
            {
                progress?.Report(i + 1);
            }
        }

        progress?.Report(texts.Count);
        return predictions;
    }

    public static NgramIntentClassifier Train(IReadOnlyList<LabelledText> examples, TrainingOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var (intents, labels) = IntentLabels.Of(examples);
        var texts = examples.Select(e => e.Text).ToArray();
        var featurizer = HashedNgramFeaturizer.Fit(texts, bits: 16);
        var rows = texts.Select(featurizer.Featurize).ToArray();
        var trainer = new SoftmaxTrainer { Seed = options.Seed };

        // Calibrate on a held-out part, then train the final model on everything.
        var (train, heldOut) = HeldOutSplit.Split(labels, options.HoldOutEvery);
        var temperature = 1f;
        var threshold = 0f;
        if (heldOut.Length > 0)
        {
            var partial = trainer.Train(train.Select(i => rows[i]).ToArray(), train.Select(i => labels[i]).ToArray(), featurizer.Dimensions, intents.Count,
                progress: new InlineProgress<double>(p => progress?.Report(p * 0.5)), cancellationToken: cancellationToken);
            temperature = TemperatureScaling.Fit(partial, heldOut.Select(i => rows[i]).ToArray(), heldOut.Select(i => labels[i]).ToArray());
            partial.Temperature = temperature;
            threshold = HeldOutSplit.Threshold(heldOut.Select(i => partial.Probabilities(rows[i]).Max()).ToArray(), options.OutOfScopeBudget);
        }

        var model = trainer.Train(rows, labels, featurizer.Dimensions, intents.Count,
            progress: new InlineProgress<double>(p => progress?.Report(heldOut.Length > 0 ? 0.5 + (p * 0.5) : p)), cancellationToken: cancellationToken);
        model.Temperature = temperature;
        return new NgramIntentClassifier(featurizer, model, intents, threshold);
    }
}
