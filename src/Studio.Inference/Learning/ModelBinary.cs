namespace Studio.Inference.Learning;

/// <summary>
/// The binary layout of the learned parts (n-gram IDF, embedding scale, softmax heads), shared by the shipped
/// sentiment head and published bot versions. Only non-zero IDF entries and weight rows are written.
/// </summary>
public static class ModelBinary
{
    public static void WriteNgrams(BinaryWriter writer, HashedNgramFeaturizer ngrams)
    {
        writer.Write(ngrams.Bits);
        var idf = ngrams.Idf.ToArray();
        var kept = Enumerable.Range(0, idf.Length).Where(i => idf[i] != 0).ToArray();
        writer.Write(kept.Length);
        foreach (var i in kept)
        {
            writer.Write(i);
            writer.Write(idf[i]);
        }
    }

    public static HashedNgramFeaturizer ReadNgrams(BinaryReader reader)
    {
        var bits = reader.ReadInt32();
        var idf = new float[1 << bits];
        var kept = reader.ReadInt32();
        for (var k = 0; k < kept; k++)
        {
            idf[reader.ReadInt32()] = reader.ReadSingle();
        }

        return HashedNgramFeaturizer.FromIdf(bits, idf);
    }

    public static void WriteHybrid(BinaryWriter writer, HybridFeaturizer features)
    {
        WriteFloats(writer, features.Scaler.Scale);
        WriteNgrams(writer, features.Ngrams);
    }

    public static HybridFeaturizer ReadHybrid(BinaryReader reader)
    {
        var scale = ReadFloats(reader);
        return new HybridFeaturizer(new EmbeddingScaler(scale), ReadNgrams(reader));
    }

    public static void WriteHead(BinaryWriter writer, LinearSoftmaxModel head)
    {
        writer.Write(head.ClassCount);
        writer.Write(head.Temperature);
        foreach (var b in head.Bias)
        {
            writer.Write(b);
        }

        var rows = Enumerable.Range(0, head.Dimensions).Where(r => head.Weights.AsSpan(r * head.ClassCount, head.ClassCount).ContainsAnyExcept(0f)).ToArray();
        writer.Write(rows.Length);
        foreach (var r in rows)
        {
            writer.Write(r);
            for (var c = 0; c < head.ClassCount; c++)
            {
                writer.Write(head.Weights[(r * head.ClassCount) + c]);
            }
        }
    }

    public static LinearSoftmaxModel ReadHead(BinaryReader reader, int dimensions)
    {
        var classes = reader.ReadInt32();
        var head = new LinearSoftmaxModel(dimensions, classes) { Temperature = reader.ReadSingle() };
        for (var c = 0; c < classes; c++)
        {
            head.Bias[c] = reader.ReadSingle();
        }

        var rows = reader.ReadInt32();
        for (var k = 0; k < rows; k++)
        {
            var r = reader.ReadInt32();
            for (var c = 0; c < classes; c++)
            {
                head.Weights[(r * classes) + c] = reader.ReadSingle();
            }
        }

        return head;
    }

    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    public static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    public static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    public static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }
}
