using Microsoft.Extensions.AI;
using Studio.Core.Bots;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Tests.Inference;
using Studio.Tests.Support;

namespace Studio.Tests.Llm;

/// <summary>The LLM tasks on the real stories260K model: answers are always in the allowed set, and every call is costed.</summary>
public sealed class LlmTasksTests(EncoderFixture encoder) : IClassFixture<EncoderFixture>, IDisposable
{
    private static readonly BotDefinition Banking = Bots.Banking();

    // The banking bot's 24 intents with descriptions make a prompt of about 1,500 tokens.
    private readonly ModelRegistry _registry = LocalModelTests.Registry(4096, ("stories", RepoPaths.StoriesModel, 8));

    private LlmTasks Tasks => new(_registry.ChatClient("stories"), _registry.Find("stories")!, encoder.Encoder);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task IntentClassification_ReturnsOneOfTheBotsIntents_WithUsage(int shots)
    {
        var names = Banking.Intents.Select(i => i.Name).ToList();

        foreach (var message in new[] { "where is my new card", "I want to talk to a person", "how much is in savings" })
        {
            var result = await Tasks.ClassifyIntentAsync(message, Banking, shots);

            Assert.Contains(result.Value, names);
            Assert.True(result.InputTokens > 20);
            Assert.True(result.OutputTokens > 0);
            Assert.True(result.Milliseconds > 0);
            Assert.Equal(0m, result.Cost); // a local model is free
        }
    }

    [Fact]
    public async Task FewShotPrompt_IsLongerThanZeroShot_BecauseItCarriesTheNearestExamples()
    {
        var zero = await Tasks.ClassifyIntentAsync("where is my new card", Banking, 0);
        var few = await Tasks.ClassifyIntentAsync("where is my new card", Banking, 4);

        Assert.True(few.InputTokens > zero.InputTokens);
    }

    [Fact]
    public async Task Sentiment_IsOneOfThreeLabels()
    {
        var result = await Tasks.SentimentAsync("this is the worst bank ever");

        Assert.Contains(result.Value, Studio.Inference.Sentiment.SentimentClassifier.Labels);
    }

    [Fact]
    public async Task EntityExtraction_ReturnsAJsonObject_WithEveryEntityKey()
    {
        var result = await Tasks.ExtractEntitiesAsync("send 50 pounds to my savings account", Banking.Entities.Take(3).ToList());

        Assert.Equal(Banking.Entities.Take(3).Select(e => e.Name), result.Value.Select(p => p.Key));
    }

    [Fact]
    public async Task ReplyAndHandoffSummary_AreGenerated_AndCosted()
    {
        ChatMessage[] history = [new(ChatRole.User, "my card is lost"), new(ChatRole.Assistant, "I can block it. What are its last four digits?")];

        var reply = await Tasks.GenerateReplyAsync("Conversation:\n{history}\nUser: {message}\nAssistant:", history, "it ends in 4821", maxTokens: 20);
        var summary = await Tasks.SummariseForHandoffAsync(history, maxTokens: 20);

        Assert.False(string.IsNullOrWhiteSpace(reply.Value));
        Assert.Equal(20, reply.OutputTokens);
        Assert.False(string.IsNullOrWhiteSpace(summary.Value));
    }

    [Fact]
    public async Task Cost_UsesTheProfilesPrices()
    {
        var priced = _registry.Find("stories")! with { PricePerMillionInputTokens = 2m, PricePerMillionOutputTokens = 10m };
        var tasks = new LlmTasks(_registry.ChatClient("stories"), priced);

        var result = await tasks.SentimentAsync("fine");

        Assert.Equal(((result.InputTokens * 2m) + (result.OutputTokens * 10m)) / 1_000_000m, result.Cost);
        Assert.True(result.Cost > 0);
    }

    public void Dispose() => _registry.Dispose();
}
