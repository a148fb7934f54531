using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Embeddings;
using Studio.Inference.Bots;
using Studio.Inference.Comparison;
using Studio.Inference.Models;
using Studio.Tests.Inference;
using Studio.Tests.Llm;
using Studio.Tests.Support;

namespace Studio.Tests.Comparison;

/// <summary>Live side-by-side columns: small setups answer with the flows' replies, a large model streams its own words.</summary>
public sealed class LiveReplierTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>, IDisposable
{
    private readonly ModelRegistry _registry = LocalModelTests.Registry(4096, ("stories", RepoPaths.StoriesModel, 8));

    [Fact]
    public async Task EachColumn_KeepsItsOwnConversation_AndReportsItsFigures()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var trained = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>()).Train(bot, 1);
        var replier = new LiveReplier(new Studio.Inference.Serving.BotPipelineFactory(_registry, fixture.Encoder, TimeProvider.System));
        LiveColumn[] columns = [Col("ngram"), Col("encoder"), Col("encoder+generation:stories"), Col("stories+sentiment:stories")];
        var updates = 0;

        await Task.WhenAll(columns.Select(c => replier.AnswerAsync(c, bot, trained, "I lost my card", () => Interlocked.Increment(ref updates))));

        Assert.All(columns, c => Assert.True(Assert.Single(c.Turns).Done));
        Assert.All(columns[..2], c => Assert.Equal("card_lost_or_stolen", c.Turns[0].Intent));
        Assert.Equal(columns[0].Turns[0].Reply, columns[1].Turns[0].Reply); // same intent, same flow, same written reply
        var phrased = columns[2].Turns[0];
        Assert.Null(phrased.Error);
        Assert.Equal("card_lost_or_stolen", phrased.Intent); // the encoder understood; the model only phrased
        Assert.False(string.IsNullOrWhiteSpace(phrased.Reply));
        Assert.NotEqual(columns[1].Turns[0].Reply, phrased.Reply);
        Assert.True(phrased.TokensIn > 20 && phrased.TokensOut > 0);
        var large = columns[3].Turns[0];
        Assert.Null(large.Error);
        Assert.Contains(large.Intent, bot.Intents.Select(i => i.Name));
        Assert.Contains(large.Sentiment, new[] { "negative", "neutral", "positive" });
        Assert.True(large.TokensIn > 100 && large.TokensOut > 0); // intent and sentiment prompts
        Assert.Equal(0, columns[0].Turns[0].TokensIn);
        Assert.True(updates > 6); // streamed: more updates than one start and one end per column
    }

    [Fact]
    public async Task ALargeIntentRung_ShowsAsManyExamplesAsItsShotsOption()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var trained = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>()).Train(bot, 1);
        var replier = new LiveReplier(new Studio.Inference.Serving.BotPipelineFactory(_registry, fixture.Encoder, TimeProvider.System));
        LiveColumn[] columns = [Col("stories(shots=0)"), Col("stories(shots=8)")];

        foreach (var column in columns)
        {
            await replier.AnswerAsync(column, bot, trained, "I lost my card", () => { });
        }

        Assert.All(columns, c => Assert.Null(c.Turns[0].Error));
        Assert.True(columns[0].Turns[0].TokensIn < columns[1].Turns[0].TokensIn);
        Assert.True(LiveReplier.UsesLargeModel(Studio.Core.Setups.BotSetup.Parse("stories(shots=0)")));
    }

    [Fact]
    public async Task ACascadeToALargeModel_AsksItOnlyBelowTheThreshold()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var trained = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>()).Train(bot, 1);
        var replier = new LiveReplier(new Studio.Inference.Serving.BotPipelineFactory(_registry, fixture.Encoder, TimeProvider.System));
        LiveColumn[] columns = [Col("cascade:encoder>stories(shots=0)@1"), Col("cascade:encoder>stories(shots=0)@0")];

        foreach (var column in columns)
        {
            await replier.AnswerAsync(column, bot, trained, "I lost my card", () => { });
        }

        var (always, never) = (columns[0].Turns[0], columns[1].Turns[0]);
        Assert.Null(always.Error);
        Assert.True(always.TokensIn > 0); // nothing is as confident as 1: the model is asked
        Assert.Null(never.Error);
        Assert.Equal(0, never.TokensIn);
        Assert.Equal("card_lost_or_stolen", never.Intent);
        Assert.Contains("starts with a large model", Assert.Throws<Studio.Core.Setups.SetupException>(() => Col("cascade:stories>encoder")).Message);
    }

    [Fact]
    public async Task AnUnavailableModel_IsReportedInItsColumn_WithoutStoppingTheOthers()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var trained = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>()).Train(bot, 1);
        using var broken = LocalModelTests.Registry(("gone", "/nonexistent/model.gguf", 8));
        var replier = new LiveReplier(new Studio.Inference.Serving.BotPipelineFactory(broken, fixture.Encoder, TimeProvider.System));
        var gone = Col("encoder+generation:gone");
        var small = Col("encoder");

        await Task.WhenAll(replier.AnswerAsync(gone, bot, trained, "hello", () => { }), replier.AnswerAsync(small, bot, trained, "hello", () => { }));

        Assert.NotNull(gone.Turns[0].Error);
        Assert.Null(small.Turns[0].Error);
        Assert.False(string.IsNullOrWhiteSpace(small.Turns[0].Reply));
    }

    private static LiveColumn Col(string setup) => new(Studio.Core.Setups.BotSetup.Parse(setup));

    public void Dispose() => _registry.Dispose();
}
