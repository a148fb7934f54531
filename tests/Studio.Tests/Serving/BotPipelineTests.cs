using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Embeddings;
using Studio.Core.Setups;
using Studio.Inference.Bots;
using Studio.Inference.Models;
using Studio.Inference.Serving;
using Studio.Tests.Inference;
using Studio.Tests.Llm;
using Studio.Tests.Support;

namespace Studio.Tests.Serving;

/// <summary>
/// The one served-bot pipeline: each setup a comparison measures is served as written, only the steps it needs run,
/// a large rung is a real model call, and cancellation reaches the model.
/// </summary>
public sealed class BotPipelineTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>, IAsyncLifetime
{
    private const string Confident = "I lost my card";
    private readonly ModelRegistry _registry = LocalModelTests.Registry(4096, ("stories", RepoPaths.StoriesModel, 8), ("gone", "/nonexistent/model.gguf", 8));
    private StoreFixture _db = null!;
    private TrainedBot _trained = null!;
    private BotDefinition _bot = null!;

    public async Task InitializeAsync()
    {
        _db = await StoreFixture.CreateAsync();
        _bot = Bots.Banking();
        _trained = new BotTrainer(fixture.Encoder, _db.Services.GetRequiredService<IEmbeddingStore>()).Train(_bot, 1);
    }

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _db.DisposeAsync();
    }

    private BotPipeline Pipeline(string setup) =>
        new BotPipelineFactory(_registry, fixture.Encoder, TimeProvider.System).Create(_bot, _trained, BotSetup.Parse(setup));

    [Theory]
    [InlineData("ngram")]
    [InlineData("ngram+sentiment:ngram")]
    [InlineData("cascade:ngram>encoder@0.2+sentiment:ngram")]
    public async Task AMessageTheNgramRungAnswers_NeverTouchesTheEncoder(string setup)
    {
        var analysis = await Pipeline(setup).UnderstandAsync(Confident);

        Assert.Equal("ngram", analysis.AnsweredBy);
        Assert.Equal("card_lost_or_stolen", analysis.Intent.Intent);
        Assert.Null(analysis.Vector);
        Assert.DoesNotContain(analysis.Timings, t => t.Step.Contains("encode", StringComparison.Ordinal) || t.Step.Contains("encoder", StringComparison.Ordinal));
        Assert.Equal(["intent: n-gram", "sentiment: n-gram", "entities"], analysis.Timings.Select(t => t.Step));
    }

    [Fact]
    public async Task ACascadeThatEscalates_RunsTheEncoderOnce_AndSaysWhichRungAnswered()
    {
        // At threshold 1 nothing is confident enough: every message goes on to the encoder.
        var analysis = await Pipeline("cascade:ngram>encoder@1").UnderstandAsync(Confident);

        Assert.Equal("encoder", analysis.AnsweredBy);
        Assert.Equal("cascade:ngram>encoder@1", analysis.Rung);
        Assert.Equal(2, analysis.ByRung.Count);
        Assert.Single(analysis.Timings, t => t.Step == "encode (MiniLM)"); // made once, for the rung that needs it
        Assert.Contains(analysis.Timings, t => t.Step == "sentiment: n-gram"); // an n-gram-first setup reads sentiment with n-grams too

        var withHead = await Pipeline("cascade:ngram>encoder@1+sentiment:head").UnderstandAsync(Confident);
        Assert.Single(withHead.Timings, t => t.Step == "encode (MiniLM)"); // shared by the encoder rung and the sentiment head
        Assert.Contains(withHead.Timings, t => t.Step == "sentiment head");
    }

    [Fact]
    public async Task ALargeModelIntentRung_IsServedByThatModel_WithItsTokens()
    {
        var analysis = await Pipeline("stories(shots=2)").UnderstandAsync(Confident);

        Assert.Equal("stories(shots=2)", analysis.AnsweredBy);
        Assert.Contains(analysis.Intent.Intent, _bot.Intents.Select(i => i.Name));
        Assert.True(analysis.TokensIn > 0);
        Assert.Contains(analysis.Timings, t => t.Step == "intent: stories(shots=2)");
    }

    [Fact]
    public async Task AnUnavailableLargeModel_LeavesTheCascadeWithItsSmallRung_ButRefusesALargeModelOnlyBot()
    {
        var cascade = await Pipeline("cascade:encoder>gone@1").UnderstandAsync(Confident);

        Assert.Equal("encoder", cascade.AnsweredBy);
        Assert.Contains("gone is unavailable", cascade.Note);
        await Assert.ThrowsAsync<ModelUnavailableException>(() => Pipeline("gone").UnderstandAsync(Confident));
    }

    [Fact]
    public async Task ACancelledRequest_LeavesNoGenerationRunning()
    {
        using var cancel = new CancellationTokenSource();
        var pipeline = Pipeline("stories(shots=0)+generation:stories");
        var started = pipeline.AnswerAsync(new ConversationState(), Confident, _ => cancel.Cancel(), cancel.Token);

        // The first streamed piece of the reply cancels the request; the model stops and lets its weights go.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => started);
        var model = _registry.Local(_registry.Find("stories")!);
        Assert.Equal(0, model.Leases);
    }

    [Theory]
    [InlineData("gpt(shots=4)", "Unknown model 'gpt'")]
    [InlineData("cascade:encoder>gpt@0.6", "Unknown model 'gpt'")]
    [InlineData("encoder+sentiment:gpt", "Unknown model 'gpt' for sentiment")]
    public void ASetupThatCannotBeServed_IsRefusedNamingTheModel(string setup, string message) =>
        Assert.Contains(message, Assert.Throws<SetupException>(() => Pipeline(setup)).Message);
}
