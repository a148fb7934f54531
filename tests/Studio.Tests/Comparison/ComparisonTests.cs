using Studio.Core.Comparison;

namespace Studio.Tests.Comparison;

public class ComparisonTests
{
    private static SetupResult R(string setup, double accuracy, decimal cost, double meanMs = 1) =>
        new(setup, accuracy, accuracy, null, null, meanMs, meanMs, meanMs, 0, 0, cost, null);

    private static readonly SetupResult[] Results =
    [
        R("ngram", 0.914, 0m, 0.03),
        R("encoder", 0.935, 0m, 3.9),
        R("cascade:ngram>encoder", 0.932, 0m, 0.46),
        R("gpt-small", 0.930, 0.8m, 400),
        R("gpt-large", 0.950, 6.0m, 900),
    ];

    [Fact]
    public void Frontier_KeepsOnlyUndominatedSetups()
    {
        var frontier = ParetoFrontier.Of(Results).Select(r => r.Setup);

        // gpt-small costs more than encoder and is less accurate; ngram and the cascade tie encoder on cost but are less accurate.
        Assert.Equal(["encoder", "gpt-large"], frontier);
    }

    [Fact]
    public void Recommendation_IsTheCheapestThenFastestWithinTolerance()
    {
        var withinTwo = Recommendation.Choose(Results, 2.0)!;
        var withinHalf = Recommendation.Choose(Results, 0.5)!;

        Assert.Equal("ngram", Recommendation.Choose(Results, 4.0)!.Setup.Setup);
        Assert.Equal("cascade:ngram>encoder", withinTwo.Setup.Setup);
        Assert.Equal("gpt-large", withinHalf.Setup.Setup);
        Assert.Contains("within 2 points of gpt-large (95.0 %)", withinTwo.Reason);
    }

    [Fact]
    public void Votes_RankTheSetups_WithCounts()
    {
        var votes = new List<(string, string)>();
        votes.AddRange(Enumerable.Repeat(("encoder", "ngram"), 8));
        votes.AddRange(Enumerable.Repeat(("ngram", "encoder"), 2));
        votes.AddRange(Enumerable.Repeat(("gpt", "encoder"), 6));
        votes.AddRange(Enumerable.Repeat(("encoder", "gpt"), 4));

        var ranking = VoteRanking.Rank(votes);

        Assert.Equal(["gpt", "encoder", "ngram"], ranking.Select(r => r.Setup));
        Assert.Equal((12, 20), (ranking[1].Wins, ranking[1].Votes));
        Assert.True(ranking[0].Strength > ranking[1].Strength && ranking[1].Strength > ranking[2].Strength);
    }

    [Fact]
    public void NoVotes_NoRanking()
    {
        Assert.Empty(VoteRanking.Rank([]));
        Assert.Null(Recommendation.Choose([], 1));
    }
}
