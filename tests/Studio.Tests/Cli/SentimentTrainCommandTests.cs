using Studio.Inference.Sentiment;
using Studio.Tests.Support;

namespace Studio.Tests.Cli;

/// <summary><c>studio sentiment train</c>: the shipped heads are the command's own output.</summary>
public class SentimentTrainCommandTests
{
    [Fact]
    public async Task NgramKind_OnTheTweets_RebuildsTheShippedHead_ByteForByte()
    {
        using var temp = new TempDirectory();
        var output = temp.File("ngram-head.bin.gz");
        var train = Path.GetRelativePath(RepoPaths.Root, Path.Combine(RepoPaths.Shared, "datasets", "sentiment-tweets", "train.csv"));

        var (exit, stdout, errors) = await StudioCli.RunAsync("sentiment", "train", "--kind", "ngram", "--train", train, "--out", output);

        Assert.True(exit == 0, errors);
        Assert.Contains("training the n-gram head", stdout);
        using var shipped = typeof(NgramSentimentClassifier).Assembly.GetManifestResourceStream(NgramSentimentClassifier.DefaultHeadResource)!;
        using var copy = new MemoryStream();
        await shipped.CopyToAsync(copy);
        Assert.Equal(copy.ToArray(), await File.ReadAllBytesAsync(output));
        Assert.True(copy.Length < 4 * 1024 * 1024, $"The shipped n-gram head is {copy.Length:N0} bytes; keep it a few MB.");
    }

    [Fact]
    public async Task UnknownKind_IsRefused_NamingTheOption()
    {
        using var temp = new TempDirectory();

        var (exit, _, errors) = await StudioCli.RunAsync("sentiment", "train", "--kind", "bigram", "--train", temp.File("x.csv"), "--out", temp.File("x.bin.gz"));

        Assert.NotEqual(0, exit);
        Assert.Contains("--kind", errors);
    }
}
