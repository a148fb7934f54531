using Studio.Core.Bots;
using Studio.Inference.Classification;
using Studio.Tests.Support;

namespace Studio.Tests.Inference;

/// <summary>Both rungs trained on the banking template with the real MiniLM encoder.</summary>
public class IntentClassifierTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static readonly BotDefinition Banking = Bots.Banking();

    private static List<LabelledText> Examples(BotDefinition bot) =>
        bot.Intents.SelectMany(i => i.Examples.Select(e => new LabelledText(e, i.Name))).ToList();

    [Theory]
    [InlineData("ngram")]
    [InlineData("encoder")]
    public void Rung_PassesTheTemplatesOwnTestTurns(string rung)
    {
        var classifier = Train(rung, Examples(Banking));
        var turns = Banking.Tests.SelectMany(t => t.Turns).Where(t => t.Expect?.Intent is not null).ToList();

        var correct = turns.Count(t => classifier.Classify(t.User).Ranking[0].Intent == t.Expect!.Intent);

        Assert.True(correct >= turns.Count - 1, $"{rung}: {correct} of {turns.Count}");
    }

    [Fact]
    public void Encoder_RanksEveryIntent_WithConfidencesThatSumToOne()
    {
        var classifier = Train("encoder", Examples(Banking));

        var prediction = classifier.Classify("somebody nicked my debit card on the train");

        Assert.Equal("card_lost_or_stolen", prediction.Intent);
        Assert.Equal(Banking.Intents.Count, prediction.Ranking.Count);
        Assert.Equal(1.0, prediction.Ranking.Sum(r => r.Confidence), 3);
        Assert.True(prediction.Ranking.Zip(prediction.Ranking.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence));
    }

    // A template has about 15 examples per intent, so some in-scope wordings sit far from every example;
    // these foreign messages are farther still. (On BANKING77, `studio bench intents --foreign` measures the rate.)
    [Theory]
    [InlineData("my cat refuses to eat anything but tuna")]
    [InlineData("is it going to rain tomorrow")]
    [InlineData("what's a good recipe for lasagne")]
    public void Encoder_RejectsForeignMessages(string message)
    {
        var prediction = Train("encoder", Examples(Banking)).Classify(message);

        Assert.True(prediction.OutOfScope, $"similarity {prediction.OutOfScopeScore}");
        Assert.Null(prediction.Intent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("\u0000\u0007")]
    public void EmptyText_IsOutOfScope_NotAnError(string text)
    {
        Assert.True(Train("ngram", Examples(Banking)).Classify(text).OutOfScope);
        Assert.True(Train("encoder", Examples(Banking)).Classify(text).OutOfScope);
    }

    [Fact]
    public void HundredKilobytesOfText_IsClassified()
    {
        var prediction = Train("encoder", Examples(Banking)).Classify(string.Concat(Enumerable.Repeat("I lost my card. ", 6500)));

        Assert.Equal("card_lost_or_stolen", prediction.Ranking[0].Intent);
    }

    [Fact]
    public void IntentWithOneExample_FallsBackToNearestCentroids()
    {
        var examples = Examples(Banking);
        examples.Add(new LabelledText("I want to order a new cheque book", "order_cheque_book"));

        var classifier = (EncoderIntentClassifier)Train("encoder", examples);

        Assert.False(classifier.HasHead);
        Assert.Equal("order_cheque_book", classifier.Classify("please send me a chequebook").Ranking[0].Intent);
    }

    [Fact]
    public void BotWithOneIntent_StillClassifies()
    {
        var examples = Banking.Intents[0].Examples.Select(e => new LabelledText(e, Banking.Intents[0].Name)).ToList();

        var prediction = Train("encoder", examples).Classify("how much money is in my account");

        Assert.Equal(Banking.Intents[0].Name, prediction.Ranking[0].Intent);
        Assert.Equal(1f, prediction.Confidence, 3);
    }

    [Fact]
    public void Training_IsDeterministic()
    {
        var first = Train("ngram", Examples(Banking)).Classify("when will my card arrive");
        var second = Train("ngram", Examples(Banking)).Classify("when will my card arrive");

        Assert.Equal(first.Ranking.Select(r => (r.Intent, r.Confidence)), second.Ranking.Select(r => (r.Intent, r.Confidence)));
    }

    private IIntentClassifier Train(string rung, IReadOnlyList<LabelledText> examples) => rung switch
    {
        "ngram" => NgramIntentClassifier.Train(examples, new TrainingOptions()),
        _ => EncoderIntentClassifier.Train(examples, fixture.Encoder, new TrainingOptions()),
    };
}
