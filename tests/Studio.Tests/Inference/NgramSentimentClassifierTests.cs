using Studio.Inference.Sentiment;

namespace Studio.Tests.Inference;

/// <summary>The shipped n-gram sentiment head: no encoder at all, so no fixture.</summary>
public class NgramSentimentClassifierTests
{
    private static readonly NgramSentimentClassifier Shipped = NgramSentimentClassifier.DefaultHead();

    [Theory]
    [InlineData("Thank you so much, that was brilliant help!", "positive")]
    [InlineData("I love it, best day ever", "positive")]
    [InlineData("This is ridiculous, I hate this and I am so angry", "negative")]
    [InlineData("Worst service ever, awful and useless", "negative")]
    public void ShippedHead_ReadsObviousSentiment(string text, string expected)
    {
        var result = Shipped.Classify(text);

        Assert.Equal(expected, result.Label);
        Assert.Equal(result.Positive - result.Negative, result.Score, 4);
        Assert.Equal(1f, result.Negative + result.Neutral + result.Positive, 3);
    }

    [Fact]
    public void DesignersExamples_FineTuneTheHead_EvenOnWordsTheTweetsNeverHad()
    {
        const string domainComplaint = "the zorbly app logged me out again";
        var examples = new[]
        {
            ("the zorbly app logged me out again", "negative"), ("zorbly logged me out for the third time today", "negative"),
            ("zorbly keeps logging me out", "negative"), ("zorbly signed me out again mid payment", "negative"),
        };

        var tuned = Shipped.FineTune(examples);

        Assert.True(tuned.Classify(domainComplaint).Negative > Shipped.Classify(domainComplaint).Negative);
        Assert.Equal("negative", tuned.Classify(domainComplaint).Label);
        Assert.Equal("negative", tuned.Classify("zorbly again").Label);
        Assert.Equal("positive", tuned.Classify("Thank you so much, that was brilliant help!").Label);
    }

    [Fact]
    public void WriteThenRead_GivesIdenticalPredictions()
    {
        var tuned = Shipped.FineTune([("the zorbly app logged me out again", "negative")]);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            tuned.Write(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var read = NgramSentimentClassifier.Read(reader);

        foreach (var text in new[] { "the zorbly app logged me out again", "I love it", "my card number ends in 4821", "", "!!!" })
        {
            Assert.Equal(tuned.Classify(text), read.Classify(text));
        }
    }

    [Fact]
    public void UnknownLabel_IsRefusedWithTheAllowedOnes()
    {
        var refused = Assert.Throws<ArgumentException>(() => Shipped.FineTune([("great", "happy")]));

        Assert.Contains("negative, neutral and positive", refused.Message);
    }
}
