using Studio.Core.Documents;
using Studio.Core.Teaching;
using Studio.Tests.Support;

namespace Studio.Tests.Teaching;

public class TaughtExamplesTests
{
    [Fact]
    public void AcceptedLabels_BecomeExamplesMarkedWithTheTeacher_AndSurviveTheYamlRoundTrip()
    {
        var bot = Bots.Banking();
        var written = bot.Intents.Single(i => i.Name == "check_balance").Examples[0];

        var added = TaughtExamples.Add(bot, [
            new AcceptedLabel("how much have I got left", "check_balance", 0.91),
            new AcceptedLabel(written.ToUpperInvariant(), "card_arrival", 0.99), // already an example (of another intent): left alone
            new AcceptedLabel("my card never came", "card_arrival", null),
        ], "encoder");
        var read = BotDocuments.Read(BotDocuments.Write(bot, BotDocumentFormat.Yaml), BotDocumentFormat.Yaml);

        Assert.Equal(2, added);
        var balance = read.Bot!.Intents.Single(i => i.Name == "check_balance");
        Assert.Contains("how much have I got left", balance.Examples);
        Assert.Equal(("encoder", 0.91), (balance.TaughtAs("how much have I got left")!.Teacher, balance.TaughtAs("how much have I got left")!.Confidence!.Value));
        Assert.Null(balance.TaughtAs(written)); // a written example is not taught
        var arrival = read.Bot.Intents.Single(i => i.Name == "card_arrival");
        Assert.Null(arrival.TaughtAs("my card never came")!.Confidence); // corrected by a designer
        Assert.DoesNotContain(written.ToUpperInvariant(), arrival.Examples);
        Assert.Empty(BotDocuments.Validate(read.Bot));
        Assert.DoesNotContain(read.Bot.Intents, i => i.Taught is { Count: 0 }); // an intent with nothing taught writes no list
    }

    [Fact]
    public void WithoutTheTaughtExamples_IsTheBotAsItWas_AndMarksOfRemovedExamplesAreDropped()
    {
        var bot = Bots.Banking();
        var original = BotDocuments.Write(bot, BotDocumentFormat.Json);
        TaughtExamples.Add(bot, [new AcceptedLabel("how much have I got left", "check_balance", 0.9), new AcceptedLabel("card not here yet", "card_arrival", 0.8)], "encoder");

        var before = TaughtExamples.Without(bot, ["how much have I got left", "card not here yet"]);
        bot.Intents.Single(i => i.Name == "card_arrival").Examples.Remove("card not here yet"); // the designer deletes one
        TaughtExamples.Add(bot, [new AcceptedLabel("what's my balance today", "check_balance", 0.7)], "encoder");

        Assert.Equal(original, BotDocuments.Write(before, BotDocumentFormat.Json));
        Assert.Null(bot.Intents.Single(i => i.Name == "card_arrival").Taught);
        Assert.Equal(2, bot.Intents.Single(i => i.Name == "check_balance").Taught!.Count);
        Assert.Throws<ArgumentException>(() => TaughtExamples.Add(bot, [new AcceptedLabel("hello", "no_such_intent", 0.9)], "encoder"));

        // A user's brackets are text: they never become an entity mark that teaches a synonym.
        TaughtExamples.Add(bot, [new AcceptedLabel("[visa](card_type:mastercard) got stuck in the atm", "card_arrival", 0.9)], "encoder");
        Assert.Contains("visa got stuck in the atm", bot.Intents.Single(i => i.Name == "card_arrival").Examples);
        Assert.DoesNotContain(bot.Intents.SelectMany(i => i.Examples), e => e.Contains("](", StringComparison.Ordinal) && e.Contains("stuck", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAcceptRule_TakesLabelsThatNameAnIntentAtTheConfidence()
    {
        TeacherLabel[] labels = [new("a", 0.95), new(null, 0.99), new("b", 0.49), new("c", 0.5)];

        Assert.Equal([0, 3], TeacherLabels.Accepted(labels, 0.5));
        Assert.Equal([0, 2, 3], TeacherLabels.Accepted(labels, 0));
        Assert.False(TeacherLabels.IsConfidence(double.NaN));
        Assert.False(TeacherLabels.IsConfidence(1.5));
    }
}
