using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Studio.Core.Embeddings;
using Studio.Inference.Comparison;
using Studio.Inference.Models;
using Studio.Tests.Inference;
using Studio.Tests.Support;

namespace Studio.Tests.Comparison;

/// <summary>Comparisons on the banking template with the real MiniLM and the real stories GGUF.</summary>
public sealed class ComparisonRunnerTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>, IDisposable
{
    // A price makes the local model's tokens cost something, so cost per conversation and cascades' savings can be checked.
    private readonly ModelRegistry _registry = new(new Dictionary<string, ModelProfileOptions>
    {
        ["stories"] = new() { Kind = ModelKind.Gguf, Path = RepoPaths.StoriesModel, ContextSize = 4096, PricePerMillionInputTokens = 1000m, PricePerMillionOutputTokens = 2000m },
    }, _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);

    [Fact]
    public async Task Cascade_IsSweptOverThresholds_AndItsOwnFiguresAreThePointAtItsThreshold()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var suite = ComparisonSuite.FromTests(bot);

        var outcome = Runner(db).Run(bot, ["encoder", "cascade:ngram>encoder"], suite, tolerancePoints: 1);

        var cascade = outcome.Results[1];
        var sweep = outcome.Details[1].ThresholdSweep!;
        var threshold = float.Parse(cascade.Setup[(cascade.Setup.IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var own = sweep.Single(p => Math.Abs(p.Threshold - threshold) < 1e-4);
        Assert.StartsWith("cascade:ngram>encoder@", cascade.Setup);
        Assert.True(sweep.Count >= ComparisonRunner.SweepThresholds.Count);
        Assert.Equal(own.Accuracy, cascade.Accuracy, 9);
        Assert.Equal(own.EscalatedShare, cascade.EscalatedShare!.Value, 9);
        // Raising the threshold can only send more messages to the large rung, and at 1.0 nearly everything goes.
        Assert.True(sweep.Zip(sweep.Skip(1)).All(p => p.First.EscalatedShare <= p.Second.EscalatedShare));
        Assert.True(sweep[^1].EscalatedShare > 0.9);
        Assert.Null(outcome.Details[0].ThresholdSweep);
        Assert.All(outcome.Details, d => Assert.Equal(suite.Cases.Count, d.LatenciesMs.Count));
        Assert.All(outcome.Results, r => Assert.True(r.PeakMemoryMb > 50));
        var choice = Assert.Single(outcome.CascadeChoices);
        Assert.StartsWith("cascade:ngram>encoder@", choice.Setup);
        Assert.True(outcome.Results.Max(r => r.Accuracy) - choice.Point.Accuracy <= 0.01 + 1e-9);
        Assert.Equal(bot.Intents.Count(i => suite.Cases.Any(c => c.Expected == i.Name)), outcome.Details[0].PerIntent.Count(m => m.Support > 0));
    }

    [Fact]
    public async Task EachSetup_IsMeasuredThroughTheServedPipeline_RunningOnlyItsSteps()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        bot.Id = "measured-bank";
        var suite = ComparisonSuite.FromTests(bot);
        using var encoded = new EncodedMessages(bot.Id);

        var ngram = Runner(db).Run(bot, ["ngram"], suite, tolerancePoints: 1);
        var byNgram = encoded.Count;
        Runner(db).Run(bot, ["encoder"], suite, tolerancePoints: 1);
        var byEncoder = encoded.Count - byNgram;

        Assert.Equal(0, byNgram); // n-gram intent with the n-gram sentiment it is served with: the encoder never runs
        // One vector per message (and one for the untimed warm-up), shared by the intent head and the sentiment head.
        Assert.Equal(suite.Cases.Count + 1, byEncoder);
        Assert.All(ngram.Details[0].LatenciesMs, ms => Assert.True(ms > 0));
    }

    [Fact]
    public async Task KFold_PredictsEveryExample_WithModelsThatNeverSawIt()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var suite = ComparisonSuite.KFold(bot, 3);

        var outcome = Runner(db).Run(bot, ["ngram"], suite, tolerancePoints: 1);

        Assert.Equal(bot.Intents.Sum(i => i.Examples.Count), outcome.Cases.Count);
        Assert.InRange(outcome.Results[0].Accuracy, 0.6, 0.999); // held out: good, but not the perfect score of testing on training data
        var confusion = outcome.Details[0].Confusion;
        Assert.Equal(outcome.Cases.Count, confusion.Counts.Sum(row => row.Sum()));
        Assert.Equal(bot.Intents.Count, confusion.Labels.Count(l => bot.Intents.Any(i => i.Name == l)));
    }

    [Fact]
    public async Task LargeRungShots_AreAnOptionOfTheSetup_AndEveryShotCostsInputTokens()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var suite = ComparisonSuite.FromLabelled(bot, "two.csv", [("I lost my card", "card_lost_or_stolen"), ("what is my balance", "check_balance")]);

        var outcome = Runner(db).Run(bot, ["stories(shots=0)", "stories", "stories(shots=8)"], suite, tolerancePoints: 100);

        Assert.Equal(["stories(shots=0)", "stories", "stories(shots=8)"], outcome.Results.Select(r => r.Setup));
        var tokensIn = outcome.Results.Select(r => r.TokensIn).ToArray();
        Assert.True(tokensIn[0] < tokensIn[1] && tokensIn[1] < tokensIn[2], $"input tokens by shots 0, 4, 8: {string.Join(", ", tokensIn)}");
    }

    [Fact]
    public async Task LargeRung_CountsTokensAndCost_AndACascadeInFrontOfItCostsLess()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var suite = ComparisonSuite.FromLabelled(bot, "three.csv", [("I lost my card", "card_lost_or_stolen"), ("what is my balance", "check_balance"), ("send money to my mum", "transfer_money")]);

        var outcome = Runner(db).Run(bot, ["stories", "cascade:ngram>stories@0.5"], suite, tolerancePoints: 100);

        var (large, cascade) = (outcome.Results[0], outcome.Results[1]);
        Assert.True(large.TokensIn > 100 && large.TokensOut > 0);
        Assert.True(large.CostPer1000 > 0);
        Assert.True(cascade.CostPer1000 <= large.CostPer1000);
        Assert.Equal(cascade.EscalatedShare == 0, cascade.TokensIn == 0);
        var sweep = outcome.Details[1].ThresholdSweep!;
        Assert.True(sweep[0].CostPer1000 <= sweep[^1].CostPer1000);
    }

    [Fact]
    public async Task SentimentAndGeneration_AreMeasuredWhenTheSetupNamesThem()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var suite = ComparisonSuite.FromLabelled(bot, "feelings.csv", new (string, string, string?)[]
        {
            ("this is ridiculous, my card got declined again and I am furious", "card_declined", "negative"),
            ("thank you so much, that was really helpful", "thanks", "positive"),
            ("what is my balance", "check_balance", null),
        });

        var outcome = Runner(db).Run(bot, ["ngram", "ngram+sentiment:head", "ngram+sentiment:stories+generation:stories"], suite, tolerancePoints: 1);

        var (plain, head, large) = (outcome.Results[0], outcome.Results[1], outcome.Results[2]);
        Assert.Equal("ngram+sentiment:stories+generation:stories", large.Setup);
        Assert.Null(plain.SentimentAccuracy);
        Assert.Equal(1.0, head.SentimentAccuracy); // the shipped head reads plain anger and thanks right
        Assert.InRange(large.SentimentAccuracy!.Value, 0, 1);
        Assert.Equal(plain.Accuracy, large.Accuracy); // the intent part is the same rung
        Assert.Equal(0, plain.TokensIn);
        Assert.True(large.TokensIn > 3 * 30 && large.TokensOut > 3); // a sentiment prompt and a reply for each message
        Assert.True(large.CostPer1000 > 0);
        Assert.True(large.MeanMs > plain.MeanMs);
    }

    [Fact]
    public async Task AnUnknownModelForATask_IsRefusedByName()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();

        var refused = Assert.Throws<ArgumentException>(() => Runner(db).Run(bot, ["ngram+generation:nope"], ComparisonSuite.FromTests(bot), 1));

        Assert.Contains("Unknown model 'nope'", refused.Message);
    }

    [Fact]
    public async Task EmptySuite_OrNoSetups_AreRefused()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();

        Assert.Throws<ArgumentException>(() => Runner(db).Run(bot, ["ngram"], ComparisonSuite.FromLabelled(bot, "empty.csv", Array.Empty<(string, string)>()), 1));
        Assert.Throws<ArgumentException>(() => Runner(db).Run(bot, [], ComparisonSuite.FromTests(bot), 1));
    }

    private ComparisonRunner Runner(StoreFixture db) => new(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>(), _registry);

    public void Dispose() => _registry.Dispose();
}
