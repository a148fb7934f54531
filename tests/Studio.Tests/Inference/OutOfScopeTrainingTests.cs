using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Bots;
using Studio.Core.Embeddings;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Tests.Support;

namespace Studio.Tests.Inference;

/// <summary>The designer's out-of-scope setting, through training and a published version, on the banking template.</summary>
public sealed class OutOfScopeTrainingTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    // Banking-flavoured questions the template has no intent for: nearer the template than a recipe, so only a
    // stricter threshold turns them away.
    private static readonly string[] NearMisses =
    [
        "can I get a mortgage with you", "what is the interest rate on savings", "do you offer travel insurance",
        "how do I open a joint account", "can I buy shares through the app", "is there a student account",
        "how do I pay in a cheque", "can I change my overdraft limit", "what is a sort code", "do you do business loans",
    ];

    [Fact]
    public async Task AHigherAccuracyCost_TurnsAwayMoreNearMisses_AndAPublishedVersionKeepsTheDetector()
    {
        await using var db = await StoreFixture.CreateAsync();
        var trainer = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>());
        var strict = Bots.Banking();
        strict.Fallback = new FallbackPolicy { Response = "fallback", OutOfScopeAccuracyCost = 15 };
        var lenient = Bots.Banking();
        lenient.Fallback = new FallbackPolicy { Response = "fallback", OutOfScopeAccuracyCost = 0 };

        var strictRung = trainer.Train(strict, 1).EncoderRung;
        var lenientRung = trainer.Train(lenient, 1).EncoderRung;

        Assert.True(strictRung.OutOfScopeThreshold > lenientRung.OutOfScopeThreshold);
        var turnedAway = NearMisses.Count(m => strictRung.Classify(m).OutOfScope);
        Assert.True(turnedAway > NearMisses.Count(m => lenientRung.Classify(m).OutOfScope), $"strict turned away {turnedAway}");

        var trained = trainer.Train(strict, 1);
        var loaded = TrainedBotFile.Read(TrainedBotFile.Write(trained, fixture.Encoder.ModelHash), strict, 1, fixture.Encoder).EncoderRung;
        Assert.Equal(strictRung.Detector.Name, loaded.Detector.Name);
        Assert.Equal(strictRung.Detector.NearestFloor, loaded.Detector.NearestFloor);
        Assert.All(NearMisses, m => Assert.Equal(strictRung.Classify(m).OutOfScopeScore, loaded.Classify(m).OutOfScopeScore, 4));
    }

    [Fact]
    public void TheCostIsPartOfTheBotDocument_AndOutOfRangeValuesAreRefused()
    {
        var bot = Bots.Banking();
        bot.Fallback = new FallbackPolicy { Response = "fallback", OutOfScopeAccuracyCost = 2.5 };
        Assert.Empty(Studio.Core.Documents.BotDocuments.Validate(bot));

        bot.Fallback.OutOfScopeAccuracyCost = 25;
        var problems = Studio.Core.Documents.BotDocuments.Validate(bot);
        Assert.Contains(problems, p => p.Message.Contains("outOfScopeAccuracyCost must be at most 20", StringComparison.Ordinal));
    }
}
