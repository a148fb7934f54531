namespace Studio.Core.Embeddings;

/// <summary>
/// Remembers sentence vectors by (model hash, text hash), so retraining after an edit embeds only the
/// examples that are new or changed. Implemented on the studio's database.
/// </summary>
public interface IEmbeddingStore
{
    /// <summary>The stored vectors among <paramref name="textHashes"/>; missing ones are absent from the result.</summary>
    IReadOnlyDictionary<string, float[]> Find(string modelHash, IReadOnlyCollection<string> textHashes);

    void Save(string modelHash, IReadOnlyDictionary<string, float[]> vectors);
}
