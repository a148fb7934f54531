using Studio.Inference.Encoding;
using Studio.Inference.Learning;

namespace Studio.Inference.Sentiment;

/// <summary>
/// Three-class sentiment from an encoder head over the same hybrid features as the intent head. The
/// repository ships a default head trained on tweets (<see cref="DefaultHead"/>); a bot's own labelled
/// examples fine-tune a copy of it.
/// </summary>
public sealed class SentimentClassifier(ITextEmbedder embedder, HybridFeaturizer features, LinearSoftmaxModel head)
{
    public static readonly IReadOnlyList<string> Labels = ["negative", "neutral", "positive"];

    public const string DefaultHeadResource = "Studio.Inference.default-sentiment-head.bin.gz";

    public HybridFeaturizer Features { get; } = features;

    public LinearSoftmaxModel Head { get; } = head;

    public SentimentResult Classify(string text) => Classify(text, embedder.Embed(text));

    public SentimentResult Classify(string text, float[] vector)
    {
        var p = Head.Probabilities(Features.Featurize(text, vector));
        var best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
        return new SentimentResult(Labels[best], p[2] - p[0], p[0], p[1], p[2]);
    }

    public IReadOnlyList<SentimentResult> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        embedder.Embed(texts, progress, cancellationToken).Select((v, i) => Classify(texts[i], v)).ToArray();

    /// <summary>Trains a head from scratch on labelled texts (labels: negative, neutral, positive).</summary>
    public static SentimentClassifier Train(IReadOnlyList<(string Text, string Label)> examples, ITextEmbedder embedder,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = LabelIndices(examples);
        var texts = examples.Select(e => e.Text).ToArray();
        var vectors = embedder.Embed(texts, new InlineProgress<int>(n => progress?.Report(("Embedding", (double)n / texts.Length))), cancellationToken);
        var features = HybridFeaturizer.Fit(texts, vectors);
        var rows = texts.Select((t, i) => features.Featurize(t, vectors[i])).ToArray();
        var trainer = new SoftmaxTrainer { Epochs = 10, LearningRate = 0.005f, L2 = 0f };

        // Temperature from a held-out tenth, then the final head on everything.
        var heldOut = Enumerable.Range(0, rows.Length).Where(i => i % 10 == 0).ToArray();
        var train = Enumerable.Range(0, rows.Length).Where(i => i % 10 != 0).ToArray();
        var partial = trainer.Train(train.Select(i => rows[i]).ToArray(), train.Select(i => labels[i]).ToArray(), features.Dimensions, Labels.Count,
            progress: new InlineProgress<double>(f => progress?.Report(("Calibrating", f))), cancellationToken: cancellationToken);
        var temperature = TemperatureScaling.Fit(partial, heldOut.Select(i => rows[i]).ToArray(), heldOut.Select(i => labels[i]).ToArray());
        var head = trainer.Train(rows, labels, features.Dimensions, Labels.Count,
            progress: new InlineProgress<double>(f => progress?.Report(("Training", f))), cancellationToken: cancellationToken);
        head.Temperature = temperature;
        return new SentimentClassifier(embedder, features, head);
    }

    /// <summary>
    /// A copy of this head tuned on a bot's own labelled examples (a few epochs from the current weights,
    /// so what it knew from the large set is kept while the designer's examples are learned).
    /// </summary>
    public SentimentClassifier FineTune(IReadOnlyList<(string Text, string Label)> examples, CancellationToken cancellationToken = default)
    {
        if (examples.Count == 0)
        {
            return this;
        }

        var labels = LabelIndices(examples);
        var vectors = embedder.Embed(examples.Select(e => e.Text).ToArray(), cancellationToken: cancellationToken);
        var rows = examples.Select((e, i) => Features.Featurize(e.Text, vectors[i])).ToArray();
        var tuned = new SoftmaxTrainer { Epochs = 20, LearningRate = 0.01f, L2 = 0f }
            .Train(rows, labels, Features.Dimensions, Labels.Count, startFrom: Head, cancellationToken: cancellationToken);
        return new SentimentClassifier(embedder, Features, tuned);
    }

    /// <summary>
    /// A copy whose class priors are re-estimated on unlabelled messages of the kind it will meet (expectation–maximisation,
    /// Saerens et al. 2002): a head trained where a third of texts are neutral over-calls neutral where most messages
    /// are complaints or thanks. Only the biases move; <paramref name="sourcePriors"/> are the shares of the training set
    /// (null: the shipped head's, from the tweet set).
    /// </summary>
    public SentimentClassifier AdaptPriors(IReadOnlyList<string> messages, IReadOnlyList<double>? sourcePriors = null, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return this;
        }

        var source = sourcePriors ?? ShippedTrainingPriors;
        var vectors = embedder.Embed(messages, cancellationToken: cancellationToken);
        var posteriors = messages.Select((m, i) => Head.Probabilities(Features.Featurize(m, vectors[i]))).ToArray();
        var target = source.ToArray();
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var next = new double[target.Length];
            foreach (var p in posteriors)
            {
                var adjusted = p.Select((v, c) => v * target[c] / source[c]).ToArray();
                var sum = adjusted.Sum();
                for (var c = 0; c < next.Length; c++)
                {
                    next[c] += adjusted[c] / sum / posteriors.Length;
                }
            }

            var change = next.Zip(target).Max(z => Math.Abs(z.First - z.Second));
            target = next;
            if (change < 1e-5)
            {
                break;
            }
        }

        var adapted = new LinearSoftmaxModel(Head.Dimensions, Head.ClassCount) { Temperature = Head.Temperature };
        Head.Weights.CopyTo(adapted.Weights, 0);
        for (var c = 0; c < Head.ClassCount; c++)
        {
            // softmax(z / T + log w) = softmax((z + T log w) / T).
            adapted.Bias[c] = Head.Bias[c] + (float)(Head.Temperature * Math.Log(Math.Max(target[c], 1e-4) / source[c]));
        }

        return new SentimentClassifier(embedder, Features, adapted);
    }

    /// <summary>The label shares of the tweet set the shipped head was trained on (negative, neutral, positive).</summary>
    public static readonly IReadOnlyList<double> ShippedTrainingPriors = [7781 / 27480.0, 11117 / 27480.0, 8582 / 27480.0];

    /// <summary>The head shipped in the repository, made by <c>studio sentiment train</c> from the tweet data set.</summary>
    public static SentimentClassifier DefaultHead(ITextEmbedder embedder)
    {
        using var stream = typeof(SentimentClassifier).Assembly.GetManifestResourceStream(DefaultHeadResource)
            ?? throw new InvalidOperationException($"{DefaultHeadResource} is missing from the build.");
        var (features, head, modelHash) = SentimentHeadFile.Read(stream);
        if (modelHash != embedder.ModelHash)
        {
            throw new InvalidOperationException("The shipped sentiment head was trained with another encoder; retrain it with `studio sentiment train` for this one.");
        }

        return new SentimentClassifier(embedder, features, head);
    }

    internal static int[] LabelIndices(IReadOnlyList<(string Text, string Label)> examples) => examples.Select(e =>
    {
        var index = Labels.ToList().IndexOf(e.Label.Trim().ToLowerInvariant());
        return index >= 0 ? index : throw new ArgumentException($"Sentiment labels are negative, neutral and positive; '{e.Label}' is not one of them.", nameof(examples));
    }).ToArray();
}
