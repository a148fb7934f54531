using Studio.Inference.Sentiment;

namespace Studio.Tests.Inference;

public class SentimentClassifierTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    [Theory]
    [InlineData("Thank you so much, that was brilliant help!", "positive")]
    [InlineData("This is ridiculous, I am furious and I want my money back", "negative")]
    [InlineData("My card number ends in 4821", "neutral")]
    public void ShippedHead_ReadsObviousSentiment(string text, string expected)
    {
        var result = SentimentClassifier.DefaultHead(fixture.Encoder).Classify(text);

        Assert.Equal(expected, result.Label);
        Assert.Equal(result.Positive - result.Negative, result.Score, 4);
        Assert.Equal(1f, result.Negative + result.Neutral + result.Positive, 3);
    }

    [Fact]
    public void DesignersExamples_FineTuneTheHead()
    {
        var shipped = SentimentClassifier.DefaultHead(fixture.Encoder);
        const string domainComplaint = "the app logged me out again";
        var examples = new[]
        {
            ("the app logged me out again", "negative"), ("logged out of the app for the third time today", "negative"),
            ("your app keeps logging me out", "negative"), ("app signed me out again mid payment", "negative"),
        };

        var tuned = shipped.FineTune(examples);

        Assert.True(tuned.Classify(domainComplaint).Negative > shipped.Classify(domainComplaint).Negative);
        Assert.Equal("negative", tuned.Classify(domainComplaint).Label);
    }

    [Fact]
    public void UnknownLabel_IsRefusedWithTheAllowedOnes()
    {
        var shipped = SentimentClassifier.DefaultHead(fixture.Encoder);

        var refused = Assert.Throws<ArgumentException>(() => shipped.FineTune([("great", "happy")]));

        Assert.Contains("negative, neutral and positive", refused.Message);
    }
}
