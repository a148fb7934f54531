using System.CommandLine;
using Studio.Inference.Encoding;
using Studio.Inference.Sentiment;

namespace Studio.Cli.Sentiment;

/// <summary>
/// <c>studio sentiment train --train &lt;csv&gt; --out &lt;file&gt; [--kind encoder|ngram]</c>: trains a sentiment head and
/// writes it. Both heads shipped in <c>src/Studio.Inference/Sentiment/</c> are made this way from the tweet data set.
/// </summary>
internal static class SentimentCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "CSV: text,label (negative, neutral, positive).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the head (.bin.gz).", Required = true };
        var kind = new Option<SentimentHeadKind>("--kind")
        {
            Description = "encoder: MiniLM embeddings and n-grams; ngram: hashed n-grams only, no encoder at classification.",
            DefaultValueFactory = _ => SentimentHeadKind.Encoder,
        };
        var cache = new Option<FileInfo?>("--embedding-cache") { Description = "Keep embeddings in this file between runs (encoder head)." };
        var trainCommand = new Command("train", "Trains a sentiment head from labelled texts and writes it to a file.") { train, output, kind, cache };
        trainCommand.SetAction((parse, cancellationToken) =>
        {
            var file = parse.GetRequiredValue(output);
            file.Directory?.Create();
            if (parse.GetValue(kind) == SentimentHeadKind.Ngram)
            {
                var ngram = SentimentTraining.TrainNgram(parse.GetRequiredValue(train), cancellationToken);
                using var stream = File.Create(file.FullName);
                ngram.WriteCompressed(stream);
            }
            else
            {
                using var encoder = CliContext.LoadEncoder();
                var classifier = SentimentTraining.Train(parse.GetRequiredValue(train), CliContext.TrainingEmbedder(encoder, parse.GetValue(cache)), cancellationToken);
                using var stream = File.Create(file.FullName);
                SentimentHeadFile.Write(stream, classifier.Features, classifier.Head, encoder.ModelHash);
            }

            Console.WriteLine($"wrote {file} ({new FileInfo(file.FullName).Length / 1024} KB)");
            return Task.FromResult(0);
        });
        return new Command("sentiment", "Sentiment heads.") { trainCommand };
    }
}
