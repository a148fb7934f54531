using Studio.Core.Conversations;
using Studio.Inference.Bots;
using Studio.Tests.Inference;
using Studio.Tests.Support;

namespace Studio.Tests.Conversations;

/// <summary>The banking template's conversation tests, played against its trained models (real MiniLM).</summary>
public class ConversationTestRunnerTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    [Fact]
    public async Task BankingTemplate_PassesItsConversationTests()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var trained = new BotTrainer(fixture.Encoder, new Studio.Data.Embeddings.DatabaseEmbeddingStore(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Studio.Data.StudioDbContext>>(db.Services))).Train(bot, 1);

        var report = SynchronousForTests.Run(bot, text => trained.Understand(text, new DateOnly(2026, 11, 27)));

        Assert.True(bot.Tests.Count >= 10);
        Assert.True(report.Failed == 0, string.Join("\n", report.Failures));
        Assert.Equal(bot.Tests.Count, report.Passed);
    }

    [Fact]
    public void FailingExpectation_IsReportedWithTheTurnAndTheDifference()
    {
        var bot = Bots.Small();
        bot.Tests.Add(new Studio.Core.Bots.ConversationTest
        {
            Name = "wrong",
            Turns = [new() { User = "hello", Expect = new() { Intent = "bye", ReplyContains = "Goodbye", Sentiment = "positive" } }],
        });

        var report = SynchronousForTests.Run(bot, _ => new TurnUnderstanding("greet", 0.9f, false, [], "neutral", 0));

        Assert.Equal(1, report.Failed);
        Assert.Equal("wrong, turn 1 (\"hello\"): intent expected bye, got greet (0.90)", report.Failures[0].ToString());
        Assert.Contains(report.Failures, f => f.What == "reply containing");
        Assert.Contains(report.Failures, f => f.What == "sentiment" && f.Expected == "positive" && f.Actual.StartsWith("neutral", StringComparison.Ordinal));
    }

    [Fact]
    public void AResponseExpectation_HoldsForTheResponseSaid_HoweverItIsWorded()
    {
        var bot = Bots.Small();
        bot.Responses.Add(new Studio.Core.Bots.ResponseTemplate { Name = "greet", Variations = ["Hi!", "Hello there!"] });
        bot.Tests.Add(new Studio.Core.Bots.ConversationTest
        {
            Name = "greets",
            Turns = [new() { User = "hello", Expect = new() { Response = "greet" } }, new() { User = "hello again", Expect = new() { Response = "greet" } }],
        });
        bot.Tests.Add(new Studio.Core.Bots.ConversationTest { Name = "expects the fallback", Turns = [new() { User = "hello", Expect = new() { Response = "fallback" } }] });

        var report = SynchronousForTests.Run(bot, _ => new TurnUnderstanding("greet", 0.9f, false, [], "neutral", 0));

        Assert.Equal(1, report.Passed);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(("expects the fallback", "response", "fallback", "greet"), (failure.Test, failure.What, failure.Expected, failure.Actual));
    }
}
