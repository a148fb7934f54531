using System.IO.Compression;
using Studio.Inference.Learning;

namespace Studio.Inference.Sentiment;

/// <summary>
/// Three-class sentiment from hashed word and character n-grams alone, for bots whose intents are answered by
/// the n-gram rung: no encoder runs at classification. The repository ships a head trained on tweets
/// (<see cref="DefaultHead"/>); it stores its featurizer beside its weights, so a bot's own labelled examples
/// fine-tune a copy without the tweets.
/// </summary>
public sealed class NgramSentimentClassifier(HashedNgramFeaturizer featurizer, LinearSoftmaxModel head)
{
    public const string DefaultHeadResource = "Studio.Inference.default-ngram-sentiment-head.bin.gz";

    /// <summary>2^18 hashed features: few collisions on tweets while the shipped file stays a few MB.</summary>
    public const int FeatureBits = 18;

    private const int FormatVersion = 1;

    public HashedNgramFeaturizer Featurizer { get; } = featurizer;

    public LinearSoftmaxModel Head { get; } = head;

    public SentimentResult Classify(string text)
    {
        var p = Head.Probabilities(Featurizer.Featurize(text));
        var best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
        return new SentimentResult(SentimentClassifier.Labels[best], p[2] - p[0], p[0], p[1], p[2]);
    }

    public IReadOnlyList<SentimentResult> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new SentimentResult[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = Classify(texts[i]);
            if (i % 256 == 255)
            {
                progress?.Report(i + 1);
            }
        }

        progress?.Report(texts.Count);
        return results;
    }

    /// <summary>Trains a head from scratch on labelled texts (labels: negative, neutral, positive).</summary>
    public static NgramSentimentClassifier Train(IReadOnlyList<(string Text, string Label)> examples,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = SentimentClassifier.LabelIndices(examples);
        var texts = examples.Select(e => e.Text).ToArray();
        var featurizer = HashedNgramFeaturizer.Fit(texts, FeatureBits);
        var rows = texts.Select(featurizer.Featurize).ToArray();
        var trainer = new SoftmaxTrainer();
        var classes = SentimentClassifier.Labels.Count;

        // Temperature from a held-out tenth, then the final head on everything (as the encoder head does).
        var heldOut = Enumerable.Range(0, rows.Length).Where(i => i % 10 == 0).ToArray();
        var train = Enumerable.Range(0, rows.Length).Where(i => i % 10 != 0).ToArray();
        var partial = trainer.Train(train.Select(i => rows[i]).ToArray(), train.Select(i => labels[i]).ToArray(), featurizer.Dimensions, classes,
            progress: new InlineProgress<double>(f => progress?.Report(("Calibrating", f))), cancellationToken: cancellationToken);
        var temperature = TemperatureScaling.Fit(partial, heldOut.Select(i => rows[i]).ToArray(), heldOut.Select(i => labels[i]).ToArray());
        var head = trainer.Train(rows, labels, featurizer.Dimensions, classes,
            progress: new InlineProgress<double>(f => progress?.Report(("Training", f))), cancellationToken: cancellationToken);
        head.Temperature = temperature;
        return new NgramSentimentClassifier(featurizer, head);
    }

    /// <summary>
    /// A copy of this head tuned on a bot's own labelled examples: a few epochs from the current weights, so what
    /// it learned from the large set is kept while the designer's examples are learned. N-grams the large set
    /// never had twice (a bot's product names, its jargon) are given the rarest weight first; otherwise they
    /// would have no feature to learn on.
    /// </summary>
    public NgramSentimentClassifier FineTune(IReadOnlyList<(string Text, string Label)> examples, CancellationToken cancellationToken = default)
    {
        if (examples.Count == 0)
        {
            return this;
        }

        var labels = SentimentClassifier.LabelIndices(examples);
        var featurizer = Featurizer.WithUnseenFeaturesOf(examples.Select(e => e.Text).ToArray());
        var rows = examples.Select(e => featurizer.Featurize(e.Text)).ToArray();
        var tuned = new SoftmaxTrainer { Epochs = 20, LearningRate = 0.5f, L2 = 0f }
            .Train(rows, labels, featurizer.Dimensions, SentimentClassifier.Labels.Count, startFrom: Head, cancellationToken: cancellationToken);
        return new NgramSentimentClassifier(featurizer, tuned);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        ModelBinary.WriteNgrams(writer, Featurizer);
        ModelBinary.WriteHead(writer, Head);
    }

    public static NgramSentimentClassifier Read(BinaryReader reader)
    {
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Unknown n-gram sentiment head format.");
        }

        var featurizer = ModelBinary.ReadNgrams(reader);
        return new NgramSentimentClassifier(featurizer, ModelBinary.ReadHead(reader, featurizer.Dimensions));
    }

    /// <summary>The shipped file's form: gzip of <see cref="Write(BinaryWriter)"/>.</summary>
    public void WriteCompressed(Stream destination)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip);
        Write(writer);
    }

    public static NgramSentimentClassifier ReadCompressed(Stream source)
    {
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        return Read(reader);
    }

    private static readonly Lazy<NgramSentimentClassifier> ShippedHead = new(DefaultHead);

    /// <summary>The shipped head, read once per process; tuning makes a new head and leaves this one as it is.</summary>
    public static NgramSentimentClassifier Shipped => ShippedHead.Value;

    /// <summary>The head shipped in the repository, made by <c>studio sentiment train --kind ngram</c> from the tweet data set.</summary>
    public static NgramSentimentClassifier DefaultHead()
    {
        using var stream = typeof(NgramSentimentClassifier).Assembly.GetManifestResourceStream(DefaultHeadResource)
            ?? throw new InvalidOperationException($"{DefaultHeadResource} is missing from the build.");
        return ReadCompressed(stream);
    }
}
