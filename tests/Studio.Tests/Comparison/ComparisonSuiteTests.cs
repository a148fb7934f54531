using Studio.Inference.Comparison;
using Studio.Tests.Support;

namespace Studio.Tests.Comparison;

public class ComparisonSuiteTests
{
    [Fact]
    public void KFold_TestsEveryExampleOnce_WithModelsThatNeverSawIt()
    {
        var bot = Bots.Banking();
        var examples = bot.Intents.Sum(i => i.Examples.Count);

        var suite = ComparisonSuite.KFold(bot, 5);

        Assert.Equal(examples, suite.Cases.Count);
        Assert.Equal(5, suite.Rounds.Count);
        Assert.Equal(Enumerable.Range(0, examples), suite.Rounds.SelectMany(r => r.CaseIndices).Order());
        foreach (var round in suite.Rounds)
        {
            var seen = round.TrainingBot.Intents.SelectMany(i => i.Examples.Select(e => (e, i.Name))).ToHashSet();
            Assert.All(round.CaseIndices, i => Assert.DoesNotContain((suite.Cases[i].Text, suite.Cases[i].Expected!), seen));
            Assert.Equal(examples - round.CaseIndices.Count, seen.Count);
        }

        Assert.Equal(examples, bot.Intents.Sum(i => i.Examples.Count)); // the bot itself is untouched
    }

    [Fact]
    public void Labelled_RowsWithAnUnknownIntent_AreRefused_AndEmptyLabelsAreOutOfScope()
    {
        var bot = Bots.Banking();

        var suite = ComparisonSuite.FromLabelled(bot, "upload.csv", [("I lost my card", "card_lost_or_stolen"), ("what's the weather", ""), ("sing", "other")], "other");
        var refused = Assert.Throws<ArgumentException>(() => ComparisonSuite.FromLabelled(bot, "upload.csv", [("hi", "no_such_intent")]));

        Assert.Equal(["card_lost_or_stolen", null, null], suite.Cases.Select(c => c.Expected));
        Assert.Contains("'no_such_intent', which is not an intent of this bot", refused.Message);
    }

    [Fact]
    public void Tests_AreTheTurnsThatExpectAnIntent()
    {
        var bot = Bots.Banking();

        var suite = ComparisonSuite.FromTests(bot);

        Assert.Equal(bot.Tests.SelectMany(t => t.Turns).Count(t => t.Expect?.Intent is not null), suite.Cases.Count);
        Assert.Single(suite.Rounds);
        Assert.Same(bot, suite.Rounds[0].TrainingBot);
    }

    [Fact]
    public void KFold_WithTooFewFolds_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ComparisonSuite.KFold(Bots.Banking(), 1));

    [Fact]
    public void Csv_MayCarryASentimentColumn_AndABadValueIsRefusedWithItsLine()
    {
        using var good = new StringReader("text,label,sentiment\nI hate this,card_declined,Negative\nhello,greeting,\n");
        using var bad = new StringReader("text,label,sentiment\nhello,greeting,meh\n");

        var rows = Studio.Core.Evaluation.LabelledCsv.ReadWithSentiment(good, "s.csv");
        var refused = Assert.Throws<InvalidDataException>(() => Studio.Core.Evaluation.LabelledCsv.ReadWithSentiment(bad, "b.csv"));

        Assert.Equal([("I hate this", "card_declined", "negative"), ("hello", "greeting", null)], rows);
        Assert.StartsWith("b.csv:2: sentiment 'meh'", refused.Message);
    }
}
