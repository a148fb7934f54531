using System.Numerics.Tensors;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;

namespace Studio.Inference.Classification;

/// <summary>
/// The encoder rung: a softmax-regression head over the sentence embedding (each dimension scaled to unit
/// RMS) joined with the message's TF-IDF n-grams (weighted ×10, see docs/decisions/0004), or nearest intent
/// centroids when some intent has too few examples to train a head. Out of scope when an
/// <see cref="OutOfScopeDetector"/> over the message's familiarity signals (nearest examples, Mahalanobis distance,
/// logits) says so, with a threshold chosen on held-out examples to cost at most the accuracy the designer allows.
/// </summary>
public sealed class EncoderIntentClassifier : ILocalIntentClassifier
{
    public const string RungId = "encoder";

    // Softmax sharpness for centroid similarities, which are cosines in [-1, 1].
    private const float CentroidScale = 20f;


    private readonly ITextEmbedder _embedder;
    private readonly HybridFeaturizer? _features;
    private readonly LinearSoftmaxModel? _head;
    private readonly float[][] _centroids;
    private readonly float[] _examples;
    private readonly int _exampleCount;
    private readonly int[][] _examplesByIntent;
    private readonly Lazy<GaussianIntents?> _gaussians;
    private readonly bool _usesGaussians;

    // The nearest-example search looks only at the examples of the best-ranked intents: a foreign message
    // is far from all of them, and a full scan of thousands of examples would cost more than the head.
    private const int NearestSearchIntents = 5;

    public EncoderIntentClassifier(ITextEmbedder embedder, IReadOnlyList<string> intents, HybridFeaturizer? features,
        LinearSoftmaxModel? head, IReadOnlyList<float[]> exampleVectors, IReadOnlyList<int> exampleLabels, OutOfScopeDetector detector)
    {
        _embedder = embedder;
        Intents = intents;
        _features = features;
        _head = head;
        Detector = detector;
        _centroids = Centroids(exampleVectors, exampleLabels, intents.Count, embedder.Dimensions);
        // One contiguous block, so the nearest-example search is a single matrix-vector product.
        _exampleCount = exampleVectors.Count;
        _examples = new float[_exampleCount * embedder.Dimensions];
        for (var i = 0; i < _exampleCount; i++)
        {
            exampleVectors[i].CopyTo(_examples, i * embedder.Dimensions);
        }

        _examplesByIntent = Enumerable.Range(0, intents.Count).Select(c => Enumerable.Range(0, _exampleCount).Where(i => exampleLabels[i] == c).ToArray()).ToArray();
        // Fitted from the stored examples when first needed (the same arithmetic gives the same floats), so a
        // published version carries no covariance matrix and a detector that needs none never pays for one.
        var labels = exampleLabels.ToArray();
        _gaussians = new Lazy<GaussianIntents?>(() => _exampleCount > 1 ? GaussianIntents.Fit(exampleVectors, labels, intents.Count) : null);
        _usesGaussians = detector.Signals.Any(NeedsGaussians);
        if (_usesGaussians)
        {
            _ = _gaussians.Value;
        }
    }

    private static bool NeedsGaussians(OutOfScopeSignal signal) => signal is OutOfScopeSignal.Mahalanobis or OutOfScopeSignal.RelativeMahalanobis;

    public string Rung => RungId;

    public IReadOnlyList<string> Intents { get; }

    public OutOfScopeDetector Detector { get; }

    public float OutOfScopeThreshold => Detector.Threshold;

    /// <summary>The held-out examples' signals and whether the rung got each right, from training (not stored with a version).</summary>
    public OutOfScopeCalibration? Calibration { get; private init; }

    internal HybridFeaturizer? Features => _features;

    internal LinearSoftmaxModel? Head => _head;

    /// <summary>The remembered example vectors, one block of <c>count × dimensions</c>, and the intent of each.</summary>
    internal (float[] Vectors, int Count, int[] Labels) Examples
    {
        get
        {
            var labels = new int[_exampleCount];
            for (var c = 0; c < _examplesByIntent.Length; c++)
            {
                foreach (var i in _examplesByIntent[c])
                {
                    labels[i] = c;
                }
            }

            return (_examples, _exampleCount, labels);
        }
    }

    /// <summary>True when a trained head decides; false when nearest centroids do.</summary>
    public bool HasHead => _head is not null;

    /// <summary>What turns a message into the vector this rung reads.</summary>
    public ITextEmbedder Embedder => _embedder;

    public IntentPrediction Classify(string text) => Predict(text, _embedder.Embed(text));

    // An empty message (after the tokeniser drops control characters too) says nothing: out of scope, not a guess.
    private static bool IsEmpty(string text) => Encoding.WordPieceTokenizer.BasicTokens(text).FirstOrDefault() is null;

    public IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        _embedder.Embed(texts, progress, cancellationToken).Select((vector, i) => Predict(texts[i], vector)).ToArray();

    /// <summary>Classifies a message whose embedding is already known.</summary>
    public IntentPrediction Predict(string text, float[] vector)
    {
        if (IsEmpty(text))
        {
            return IntentPrediction.Rejected(Intents);
        }

        var (probabilities, signals) = Understand(text, vector);
        var score = Detector.Score(signals);
        return new IntentPrediction(IntentPrediction.Rank(Intents, probabilities), Detector.IsOutOfScope(signals, score), score);
    }

    /// <summary>The calibrated probabilities and every familiarity signal for one message.</summary>
    public (float[] Probabilities, OutOfScopeSignals Signals) Understand(string text, float[] vector)
    {
        var logits = new float[Intents.Count];
        if (_head is not null)
        {
            _head.Scores(_features!.Featurize(text, vector), logits);
        }
        else
        {
            CentroidScores(vector, logits);
        }

        var probabilities = new float[logits.Length];
        TensorPrimitives.Divide(logits, _head?.Temperature ?? 1f, probabilities);
        TensorPrimitives.SoftMax(probabilities, probabilities);
        var maxLogit = TensorPrimitives.Max(logits);
        var shifted = new float[logits.Length];
        TensorPrimitives.Subtract(logits, maxLogit, shifted);
        TensorPrimitives.Exp(shifted, shifted);
        var energy = maxLogit + MathF.Log(TensorPrimitives.Sum(shifted));

        var candidates = Enumerable.Range(0, probabilities.Length).OrderByDescending(c => probabilities[c]).Take(NearestSearchIntents);
        var (nearest, knn) = NearestExamples(vector, candidates);
        var (mahalanobis, relative) = (ComputeAllSignals || _usesGaussians) && _gaussians.Value is { } gaussians
            ? gaussians.Distances(vector)
            : (0f, 0f);
        return (probabilities, new OutOfScopeSignals(nearest, knn, -mahalanobis, -relative, maxLogit, energy, TensorPrimitives.Max(probabilities)));
    }

    /// <summary>Set by benchmarks that compare detectors: computes the Mahalanobis signals even when the detector ignores them.</summary>
    public bool ComputeAllSignals { get; set; }

    // Cosine similarity to the closest example of the given intents, and the mean over the closest few.
    private (float Nearest, float Knn) NearestExamples(float[] vector, IEnumerable<int> intents)
    {
        Span<float> best = stackalloc float[OutOfScopeSignals.KnnNeighbours];
        best.Fill(-1f);
        var dimensions = vector.Length;
        foreach (var intent in intents)
        {
            foreach (var i in _examplesByIntent[intent])
            {
                var similarity = TensorPrimitives.Dot(_examples.AsSpan(i * dimensions, dimensions), vector);
                if (similarity > best[^1])
                {
                    // Insertion into the short sorted list of the best so far.
                    var at = best.Length - 1;
                    while (at > 0 && best[at - 1] < similarity)
                    {
                        best[at] = best[at - 1];
                        at--;
                    }

                    best[at] = similarity;
                }
            }
        }

        var found = 0;
        var sum = 0f;
        foreach (var similarity in best)
        {
            if (similarity > -1f)
            {
                sum += similarity;
                found++;
            }
        }

        return (best[0], found == 0 ? -1f : sum / found);
    }

    private void CentroidScores(float[] vector, Span<float> scores)
    {
        for (var c = 0; c < _centroids.Length; c++)
        {
            scores[c] = TensorPrimitives.Dot(_centroids[c], vector) * CentroidScale;
        }
    }

    private static float[][] Centroids(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, int classes, int dimensions)
    {
        var centroids = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
        for (var i = 0; i < vectors.Count; i++)
        {
            TensorPrimitives.Add(centroids[labels[i]], vectors[i], centroids[labels[i]]);
        }

        foreach (var centroid in centroids)
        {
            var norm = TensorPrimitives.Norm(centroid);
            if (norm > 0)
            {
                TensorPrimitives.Divide(centroid, norm, centroid);
            }
        }

        return centroids;
    }

    /// <param name="examples">The intents' examples.</param>
    /// <param name="embedder">Embeds messages when classifying.</param>
    /// <param name="options">Calibration and head settings.</param>
    /// <param name="progress">Hears the stage and how far through it.</param>
    /// <param name="cancellationToken">Stops training.</param>
    /// <param name="trainingEmbedder">Embeds the examples; a <see cref="CachedEmbedder"/> here makes retraining cheap. Defaults to <paramref name="embedder"/>.</param>
    /// <param name="calibrationVectors">
    /// The examples' vectors as a model that never saw the held-out examples would see them, when the vectors themselves
    /// were learned from the examples (the tuned rung's); null when they are the encoder's own.
    /// </param>
    public static EncoderIntentClassifier Train(IReadOnlyList<LabelledText> examples, ITextEmbedder embedder, TrainingOptions options,
        ITextEmbedder? trainingEmbedder = null, IProgress<TrainingProgress>? progress = null, IReadOnlyList<float[]>? calibrationVectors = null,
        CancellationToken cancellationToken = default)
    {
        var (intents, labels) = IntentLabels.Of(examples);
        var texts = examples.Select(e => e.Text).ToArray();
        var vectors = (trainingEmbedder ?? embedder).Embed(texts,
            new InlineProgress<int>(n => progress?.Report(new TrainingProgress("Embedding examples", n, examples.Count))), cancellationToken);

        var useHead = intents.Count > 1 && labels.GroupBy(l => l).Min(g => g.Count()) >= options.MinExamplesForHead;
        var trainer = new SoftmaxTrainer { Seed = options.Seed, Epochs = 40, LearningRate = 0.01f, L2 = 0f };
        var (train, heldOut) = HeldOutSplit.Split(labels, options.HoldOutEvery);

        // Calibrate on the held-out part with a model that never saw it, then fit the final model on everything.
        var signals = options.OutOfScopeSignals ?? OutOfScopeDetector.Default;
        var temperature = 1f;
        var detector = OutOfScopeDetector.Calibrate(signals, [], [], options.OutOfScopeAccuracyCost);
        OutOfScopeCalibration? calibration = null;
        if (heldOut.Length > 0)
        {
            progress?.Report(new TrainingProgress("Calibrating on held-out examples", 0, 2));
            var seen = calibrationVectors is null ? vectors : [.. calibrationVectors];
            var partial = Fit(train, texts, seen, labels, intents, embedder, trainer, useHead, detector, cancellationToken);
            if (partial._head is not null)
            {
                temperature = TemperatureScaling.Fit(partial._head,
                    heldOut.Select(i => partial._features!.Featurize(texts[i], seen[i])).ToArray(), heldOut.Select(i => labels[i]).ToArray());
                partial._head.Temperature = temperature;
            }

            partial.ComputeAllSignals = options.CalibrateAllSignals;
            var understood = heldOut.Select(i => partial.Understand(texts[i], seen[i])).ToArray();
            calibration = new OutOfScopeCalibration(
                understood.Select(u => u.Signals).ToArray(),
                heldOut.Select((row, k) => TensorPrimitives.IndexOfMax(understood[k].Probabilities) == labels[row]).ToArray());
            detector = OutOfScopeDetector.Calibrate(signals, calibration.Signals, calibration.Correct, options.OutOfScopeAccuracyCost);
        }

        progress?.Report(new TrainingProgress("Training the head", 1, 2));
        var final = Fit(Enumerable.Range(0, labels.Length).ToArray(), texts, vectors, labels, intents, embedder, trainer, useHead, detector, cancellationToken, calibration);
        if (final._head is not null)
        {
            final._head.Temperature = temperature;
        }

        progress?.Report(new TrainingProgress("Trained", 2, 2));
        return final;
    }

    private static EncoderIntentClassifier Fit(int[] rows, string[] texts, float[][] vectors, int[] labels, IReadOnlyList<string> intents, ITextEmbedder embedder,
        SoftmaxTrainer trainer, bool useHead, OutOfScopeDetector detector, CancellationToken cancellationToken, OutOfScopeCalibration? calibration = null)
    {
        var subset = rows.Select(i => vectors[i]).ToArray();
        var subsetLabels = rows.Select(i => labels[i]).ToArray();
        if (!useHead)
        {
            return new EncoderIntentClassifier(embedder, intents, null, null, subset, subsetLabels, detector) { Calibration = calibration };
        }

        var featurizer = HybridFeaturizer.Fit(rows.Select(i => texts[i]).ToArray(), subset);
        var features = rows.Select(i => featurizer.Featurize(texts[i], vectors[i])).ToArray();
        var head = trainer.Train(features, subsetLabels, featurizer.Dimensions, intents.Count, cancellationToken: cancellationToken);
        return new EncoderIntentClassifier(embedder, intents, featurizer, head, subset, subsetLabels, detector) { Calibration = calibration };
    }
}
