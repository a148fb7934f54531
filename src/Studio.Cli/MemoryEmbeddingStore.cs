using System.Collections.Concurrent;
using Studio.Core.Embeddings;

namespace Studio.Cli;

/// <summary>Sentence vectors for one run, for work on a bot file that must leave no data folder behind.</summary>
internal sealed class MemoryEmbeddingStore : IEmbeddingStore
{
    private readonly ConcurrentDictionary<(string Model, string Text), float[]> _vectors = new();

    public IReadOnlyDictionary<string, float[]> Find(string modelHash, IReadOnlyCollection<string> textHashes)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var hash in textHashes)
        {
            if (_vectors.TryGetValue((modelHash, hash), out var vector))
            {
                found[hash] = vector;
            }
        }

        return found;
    }

    public void Save(string modelHash, IReadOnlyDictionary<string, float[]> vectors)
    {
        foreach (var (hash, vector) in vectors)
        {
            _vectors[(modelHash, hash)] = vector;
        }
    }
}
