using System.IO.Compression;
using Studio.Inference.Learning;

namespace Studio.Inference.Sentiment;

/// <summary>
/// The on-disk form of a sentiment head: gzip of a small binary layout that stores only non-zero IDF
/// entries and weight rows, plus the hash of the encoder it was trained with.
/// </summary>
public static class SentimentHeadFile
{
    private const int FormatVersion = 1;

    public static void Write(Stream destination, HybridFeaturizer features, LinearSoftmaxModel head, string encoderModelHash)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip);
        writer.Write(FormatVersion);
        writer.Write(encoderModelHash);
        writer.Write(features.Scaler.Scale.Length);
        foreach (var s in features.Scaler.Scale)
        {
            writer.Write(s);
        }

        writer.Write(features.Ngrams.Bits);
        var idf = features.Ngrams.Idf.ToArray();
        var kept = Enumerable.Range(0, idf.Length).Where(i => idf[i] != 0).ToArray();
        writer.Write(kept.Length);
        foreach (var i in kept)
        {
            writer.Write(i);
            writer.Write(idf[i]);
        }

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

    public static (HybridFeaturizer Features, LinearSoftmaxModel Head, string EncoderModelHash) Read(Stream source)
    {
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Unknown sentiment head format.");
        }

        var modelHash = reader.ReadString();
        var scale = new float[reader.ReadInt32()];
        for (var d = 0; d < scale.Length; d++)
        {
            scale[d] = reader.ReadSingle();
        }

        var bits = reader.ReadInt32();
        var idf = new float[1 << bits];
        var kept = reader.ReadInt32();
        for (var k = 0; k < kept; k++)
        {
            idf[reader.ReadInt32()] = reader.ReadSingle();
        }

        var features = new HybridFeaturizer(new EmbeddingScaler(scale), HashedNgramFeaturizer.FromIdf(bits, idf));
        var classes = reader.ReadInt32();
        var head = new LinearSoftmaxModel(features.Dimensions, classes) { Temperature = reader.ReadSingle() };
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

        return (features, head, modelHash);
    }
}
