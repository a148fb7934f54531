using System.IO.Compression;
using System.Text.Json;
using Studio.Core.Bots;
using Studio.Core.Entities;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;
using Studio.Inference.Sentiment;

namespace Studio.Inference.Bots;

/// <summary>
/// A trained bot's heads as bytes, for a published version: both intent rungs (with the encoder rung's
/// example vectors for out-of-scope detection), the tuned sentiment head, the tuned rung when the setup names it (the
/// weights of the encoder's tuned last layer and the head over its vectors), and the hash of the encoder they were
/// trained with. Entity extractors need no training and are rebuilt from the bot document.
/// </summary>
public static class TrainedBotFile
{
    // 2 adds the knowledge passages and their vectors, 3 the n-gram sentiment head, 4 the out-of-scope detector's
    // signals and their standardisation, 5 the tuned rung (its adapter and the encoder rung over the adapted vectors),
    // 6 the tuned rung as the encoder's tuned last transformer layer; versions published in earlier formats still load.
    private const int FormatVersion = 6;

    public static byte[] Write(TrainedBot trained, string encoderModelHash)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip))
        {
            writer.Write(FormatVersion);
            writer.Write(encoderModelHash);
            writer.Write(trained.Rung);
            // How long training took and how much came from the embedding cache are facts of the run, not of
            // the model: kept out, so training the same revision twice writes the same bytes (and content hash).
            writer.Write(JsonSerializer.Serialize(trained.Summary with { Seconds = 0, Embedded = 0 }));

            var ngram = trained.NgramRung;
            ModelBinary.WriteStrings(writer, ngram.Intents);
            writer.Write(ngram.OutOfScopeThreshold);
            ModelBinary.WriteNgrams(writer, ngram.Featurizer);
            ModelBinary.WriteHead(writer, ngram.Model);

            var encoder = trained.EncoderRung;
            WriteEncoderModel(writer, encoder);

            ModelBinary.WriteHybrid(writer, trained.SentimentHead.Features);
            ModelBinary.WriteHead(writer, trained.SentimentHead.Head);

            var knowledge = trained.Knowledge;
            writer.Write(knowledge?.Chunks.Count ?? 0);
            if (knowledge is not null)
            {
                writer.Write(knowledge.Threshold);
                foreach (var chunk in knowledge.Chunks)
                {
                    writer.Write(chunk.Source);
                    ModelBinary.WriteStrings(writer, chunk.Headings);
                    writer.Write(chunk.Markdown);
                    writer.Write(chunk.Text);
                }

                ModelBinary.WriteFloats(writer, knowledge.Vectors);
            }

            writer.Write(trained.NgramSentiment is not null);
            trained.NgramSentiment?.Write(writer);

            WriteDetector(writer, encoder.Detector);

            writer.Write(trained.HasTunedRung);
            if (trained.HasTunedRung)
            {
                var tuned = trained.TunedRung;
                writer.Write(tuned.Layer is not null);
                if (tuned.Layer is { Block: var block })
                {
                    writer.Write(block.Hidden);
                    writer.Write(block.FeedForward.Inner);
                    writer.Write(block.Attention.Heads);
                    foreach (var weights in block.Parameters)
                    {
                        ModelBinary.WriteFloats(writer, weights);
                    }
                }
                else
                {
                    writer.Write(tuned.Adapter!.Dimensions);
                    ModelBinary.WriteFloats(writer, tuned.Adapter.Weights);
                }

                WriteEncoderModel(writer, tuned.Inner);
                WriteDetector(writer, tuned.Inner.Detector);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Rebuilds the trained bot. Refuses heads trained with another encoder than the one running.</summary>
    public static TrainedBot Read(byte[] bytes, BotDefinition bot, int version, OnnxSentenceEncoder encoder)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        var format = reader.ReadInt32();
        if (format is < 1 or > FormatVersion)
        {
            throw new InvalidDataException("The trained heads are in an unknown format.");
        }

        var encoderHash = reader.ReadString();
        if (encoderHash != encoder.ModelHash)
        {
            throw new ModelDriftException($"The heads were trained with encoder {encoderHash[..12]}…, but the running encoder is {encoder.ModelHash[..12]}…; publish the bot again.");
        }

        var rung = reader.ReadString();
        var summary = JsonSerializer.Deserialize<TrainingSummary>(reader.ReadString())!;

        var ngramIntents = ModelBinary.ReadStrings(reader);
        var ngramThreshold = reader.ReadSingle();
        var ngrams = ModelBinary.ReadNgrams(reader);
        var ngram = new NgramIntentClassifier(ngrams, ModelBinary.ReadHead(reader, ngrams.Dimensions), ngramIntents, ngramThreshold);

        var encoderModel = ReadEncoderModel(reader, encoder.Dimensions);
        var sentimentFeatures = ModelBinary.ReadHybrid(reader);
        var sentiment = new SentimentClassifier(encoder, sentimentFeatures, ModelBinary.ReadHead(reader, sentimentFeatures.Dimensions));
        var knowledge = format >= 2 ? ReadKnowledge(reader) : null;
        var ngramSentiment = format >= 3 && reader.ReadBoolean() ? NgramSentimentClassifier.Read(reader) : null;
        // Before format 4 the detector was the nearest example's cosine similarity, unscaled.
        var detector = format >= 4 ? ReadDetector(reader, encoderModel.Threshold) : new OutOfScopeDetector([OutOfScopeSignal.Nearest], [0f], [1f], encoderModel.Threshold);
        var encoderRung = encoderModel.Rung(encoder, detector);
        Tuning.TunedIntentClassifier? tuned = null;
        if (format >= 5 && reader.ReadBoolean())
        {
            tuned = format >= 6 && reader.ReadBoolean() ? ReadTunedLayer(reader, encoder) : ReadTunedAdapter(reader, encoder);
        }

        return new TrainedBot(bot.Id, version, rung, ngram, encoderRung, sentiment, EntityExtractor.For(bot), encoder, summary, knowledge, ngramSentiment, tuned);
    }

    private static Tuning.TunedIntentClassifier ReadTunedLayer(BinaryReader reader, OnnxSentenceEncoder encoder)
    {
        var (hidden, inner, heads) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var attention = new Tuning.AttentionBlock(hidden, heads, [.. Enumerable.Range(0, 10).Select(_ => ModelBinary.ReadFloats(reader))]);
        var block = new Tuning.TransformerLayer(attention, new Tuning.FeedForwardBlock(hidden, inner, ModelBinary.ReadFloats(reader), ModelBinary.ReadFloats(reader),
            ModelBinary.ReadFloats(reader), ModelBinary.ReadFloats(reader), ModelBinary.ReadFloats(reader), ModelBinary.ReadFloats(reader)));
        var layer = Tuning.TunedEncoderLayer.Create(encoder, block);
        var tunedModel = ReadEncoderModel(reader, encoder.Dimensions);
        return new Tuning.TunedIntentClassifier(layer, tunedModel.Rung(layer.Encoder, ReadDetector(reader, tunedModel.Threshold)));
    }

    private static Tuning.TunedIntentClassifier ReadTunedAdapter(BinaryReader reader, OnnxSentenceEncoder encoder)
    {
        var adapter = new Tuning.ResidualAdapter(reader.ReadInt32(), ModelBinary.ReadFloats(reader));
        var tunedModel = ReadEncoderModel(reader, encoder.Dimensions);
        return new Tuning.TunedIntentClassifier(adapter, tunedModel.Rung(new Tuning.AdaptedEmbedder(encoder, adapter), ReadDetector(reader, tunedModel.Threshold)));
    }

    // An encoder rung's model: its intents, threshold, head and example vectors (the detector is written apart, since
    // format 4 added it at the end of the file).
    private static void WriteEncoderModel(BinaryWriter writer, EncoderIntentClassifier rung)
    {
        ModelBinary.WriteStrings(writer, rung.Intents);
        writer.Write(rung.OutOfScopeThreshold);
        writer.Write(rung.Features is not null && rung.Head is not null);
        if (rung is { Features: { } features, Head: { } head })
        {
            ModelBinary.WriteHybrid(writer, features);
            ModelBinary.WriteHead(writer, head);
        }

        var (vectors, count, labels) = rung.Examples;
        writer.Write(count);
        ModelBinary.WriteFloats(writer, vectors.AsSpan(0, vectors.Length));
        foreach (var label in labels)
        {
            writer.Write(label);
        }
    }

    private sealed record EncoderModel(IReadOnlyList<string> Intents, float Threshold, HybridFeaturizer? Features, LinearSoftmaxModel? Head, List<float[]> Vectors, int[] Labels)
    {
        public EncoderIntentClassifier Rung(ITextEmbedder embedder, OutOfScopeDetector detector) => new(embedder, Intents, Features, Head, Vectors, Labels, detector);
    }

    private static EncoderModel ReadEncoderModel(BinaryReader reader, int encoderDimensions)
    {
        var intents = ModelBinary.ReadStrings(reader);
        var threshold = reader.ReadSingle();
        HybridFeaturizer? features = null;
        LinearSoftmaxModel? head = null;
        if (reader.ReadBoolean())
        {
            features = ModelBinary.ReadHybrid(reader);
            head = ModelBinary.ReadHead(reader, features.Dimensions);
        }

        var count = reader.ReadInt32();
        var flat = ModelBinary.ReadFloats(reader);
        var dimensions = count == 0 ? encoderDimensions : flat.Length / count;
        var vectors = Enumerable.Range(0, count).Select(i => flat.AsSpan(i * dimensions, dimensions).ToArray()).ToList();
        var labels = Enumerable.Range(0, count).Select(_ => reader.ReadInt32()).ToArray();
        return new EncoderModel(intents, threshold, features, head, vectors, labels);
    }

    private static void WriteDetector(BinaryWriter writer, OutOfScopeDetector detector)
    {
        ModelBinary.WriteStrings(writer, [.. detector.Signals.Select(s => s.ToString())]);
        ModelBinary.WriteFloats(writer, [.. detector.Means]);
        ModelBinary.WriteFloats(writer, [.. detector.Scales]);
        writer.Write(detector.NearestFloor);
    }

    private static OutOfScopeDetector ReadDetector(BinaryReader reader, float threshold) =>
        new([.. ModelBinary.ReadStrings(reader).Select(Enum.Parse<OutOfScopeSignal>)], ModelBinary.ReadFloats(reader), ModelBinary.ReadFloats(reader), threshold, reader.ReadSingle());

    private static Knowledge.KnowledgeIndex? ReadKnowledge(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count == 0)
        {
            return null;
        }

        var threshold = reader.ReadSingle();
        var chunks = Enumerable.Range(0, count)
            .Select(_ => new Knowledge.KnowledgeChunk(reader.ReadString(), ModelBinary.ReadStrings(reader), reader.ReadString(), reader.ReadString()))
            .ToList();
        var flat = ModelBinary.ReadFloats(reader);
        var dimensions = flat.Length / count;
        return new Knowledge.KnowledgeIndex(chunks, [.. Enumerable.Range(0, count).Select(i => flat.AsSpan(i * dimensions, dimensions).ToArray())], threshold);
    }
}

/// <summary>A version's models no longer match what it was published with; serving it could silently change its answers.</summary>
public sealed class ModelDriftException(string message) : Exception(message);
