namespace Studio.Data.Embeddings;

/// <summary>One remembered sentence vector: which model made it, for which text (by SHA-256), as raw floats.</summary>
public sealed class CachedEmbedding
{
    public string ModelHash { get; set; } = "";

    public string TextHash { get; set; } = "";

    public byte[] Vector { get; set; } = [];
}
