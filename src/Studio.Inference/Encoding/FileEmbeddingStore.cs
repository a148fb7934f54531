using Studio.Core.Embeddings;

namespace Studio.Inference.Encoding;

/// <summary>
/// An embedding store in one binary file, for benchmarks run again and again over the same data set
/// (the studio itself keeps its cache in the database). Written whole on every save.
/// </summary>
public sealed class FileEmbeddingStore(string path) : IEmbeddingStore
{
    private readonly Dictionary<(string Model, string Text), float[]> _vectors = Load(path);

    public IReadOnlyDictionary<string, float[]> Find(string modelHash, IReadOnlyCollection<string> textHashes) =>
        textHashes.Where(h => _vectors.ContainsKey((modelHash, h))).ToDictionary(h => h, h => _vectors[(modelHash, h)]);

    public void Save(string modelHash, IReadOnlyDictionary<string, float[]> vectors)
    {
        foreach (var (hash, vector) in vectors)
        {
            _vectors[(modelHash, hash)] = vector;
        }

        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(_vectors.Count);
            foreach (var ((model, text), vector) in _vectors)
            {
                writer.Write(model);
                writer.Write(text);
                writer.Write(vector.Length);
                foreach (var value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static Dictionary<(string, string), float[]> Load(string path)
    {
        var vectors = new Dictionary<(string, string), float[]>();
        if (!File.Exists(path))
        {
            return vectors;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var key = (reader.ReadString(), reader.ReadString());
            var vector = new float[reader.ReadInt32()];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = reader.ReadSingle();
            }

            vectors[key] = vector;
        }

        return vectors;
    }
}
