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
        ModelBinary.WriteHybrid(writer, features);
        ModelBinary.WriteHead(writer, head);
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
        var features = ModelBinary.ReadHybrid(reader);
        var head = ModelBinary.ReadHead(reader, features.Dimensions);
        return (features, head, modelHash);
    }
}
