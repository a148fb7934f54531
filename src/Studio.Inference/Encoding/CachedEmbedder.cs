using System.Security.Cryptography;
using Studio.Core.Embeddings;

namespace Studio.Inference.Encoding;

/// <summary>An embedder that asks the store first and embeds (and then stores) only what it has not seen.</summary>
public sealed class CachedEmbedder(ITextEmbedder inner, IEmbeddingStore store) : ITextEmbedder
{
    public string ModelHash => inner.ModelHash;

    public int Dimensions => inner.Dimensions;

    /// <summary>How many texts the last batch call actually sent to the model (the rest came from the cache).</summary>
    public int LastComputedCount { get; private set; }

    public static string HashText(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    public float[] Embed(string text) => Embed([text])[0];

    public float[][] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var hashes = texts.Select(HashText).ToArray();
        var known = store.Find(ModelHash, hashes.Distinct().ToArray());
        var missing = Enumerable.Range(0, texts.Count).Where(i => !known.ContainsKey(hashes[i])).DistinctBy(i => hashes[i]).ToArray();
        LastComputedCount = missing.Length;
        var computed = new Dictionary<string, float[]>();
        if (missing.Length > 0)
        {
            var reportOffset = texts.Count - missing.Length;
            var vectors = inner.Embed(missing.Select(i => texts[i]).ToArray(), progress is null ? null : new Learning.InlineProgress<int>(n => progress.Report(reportOffset + n)), cancellationToken);
            for (var k = 0; k < missing.Length; k++)
            {
                computed[hashes[missing[k]]] = vectors[k];
            }

            store.Save(ModelHash, computed);
        }

        progress?.Report(texts.Count);
        return hashes.Select(h => known.TryGetValue(h, out var v) ? v : computed[h]).ToArray();
    }
}
