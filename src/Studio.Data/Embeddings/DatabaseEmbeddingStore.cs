using Microsoft.EntityFrameworkCore;
using Studio.Core.Embeddings;

namespace Studio.Data.Embeddings;

/// <summary>The embedding cache in the studio's database, so a retrain after an edit embeds only new or changed examples.</summary>
public sealed class DatabaseEmbeddingStore(IDbContextFactory<StudioDbContext> contexts) : IEmbeddingStore
{
    // SQLite allows a limited number of parameters per statement; look hashes up in slices.
    private const int Slice = 500;

    public IReadOnlyDictionary<string, float[]> Find(string modelHash, IReadOnlyCollection<string> textHashes)
    {
        using var db = contexts.CreateDbContext();
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var slice in textHashes.Chunk(Slice))
        {
            foreach (var row in db.Set<CachedEmbedding>().AsNoTracking().Where(e => e.ModelHash == modelHash && slice.Contains(e.TextHash)))
            {
                found[row.TextHash] = ToFloats(row.Vector);
            }
        }

        return found;
    }

    public void Save(string modelHash, IReadOnlyDictionary<string, float[]> vectors)
    {
        try
        {
            Insert(modelHash, vectors);
        }
        catch (DbUpdateException)
        {
            // A concurrent run (training and cross-validation of the same bot) stored some of the same texts
            // between our lookup and our insert. Same model, same text, same vector: store only what is still missing.
            Insert(modelHash, vectors);
        }
    }

    private void Insert(string modelHash, IReadOnlyDictionary<string, float[]> vectors)
    {
        using var db = contexts.CreateDbContext();
        var known = Find(modelHash, vectors.Keys.ToArray());
        foreach (var (hash, vector) in vectors.Where(v => !known.ContainsKey(v.Key)))
        {
            db.Add(new CachedEmbedding { ModelHash = modelHash, TextHash = hash, Vector = ToBytes(vector) });
        }

        db.SaveChanges();
    }

    private static byte[] ToBytes(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static float[] ToFloats(byte[] bytes)
    {
        var vector = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
        return vector;
    }
}
