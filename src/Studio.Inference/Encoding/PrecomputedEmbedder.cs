namespace Studio.Inference.Encoding;

/// <summary>Serves vectors computed earlier (cross-validation trains many models on the same examples); anything else goes to the inner embedder.</summary>
public sealed class PrecomputedEmbedder(IReadOnlyDictionary<string, float[]> known, ITextEmbedder inner) : ITextEmbedder
{
    public string ModelHash => inner.ModelHash;

    public int Dimensions => inner.Dimensions;

    public float[] Embed(string text) => known.TryGetValue(text, out var vector) ? vector : inner.Embed(text);

    public float[][] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        texts.All(known.ContainsKey) ? texts.Select(t => known[t]).ToArray() : inner.Embed(texts, progress, cancellationToken);
}
