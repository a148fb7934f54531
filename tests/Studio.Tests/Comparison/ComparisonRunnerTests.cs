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
    public async Task EmptySuite_OrNoSetups_AreRefused()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();

        Assert.Throws<ArgumentException>(() => Runner(db).Run(bot, ["ngram"], ComparisonSuite.FromLabelled(bot, "empty.csv", []), 1));
        Assert.Throws<ArgumentException>(() => Runner(db).Run(bot, [], ComparisonSuite.FromTests(bot), 1));
    }

    private ComparisonRunner Runner(StoreFixture db) => new(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>(), _registry);

    public void Dispose() => _registry.Dispose();
}
