namespace Studio.Inference.Encoding;

/// <summary>Turns text into unit-length sentence vectors. <see cref="OnnxSentenceEncoder"/> is the real one; <see cref="CachedEmbedder"/> adds the cache.</summary>
public interface ITextEmbedder
{
    /// <summary>Identifies the vectors: two embedders with the same hash give the same vector for the same text.</summary>
    string ModelHash { get; }

    int Dimensions { get; }

    float[] Embed(string text);

    float[][] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}
