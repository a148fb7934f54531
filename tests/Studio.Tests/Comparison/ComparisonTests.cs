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
        var votes = new List<PairVote>();
        votes.AddRange(Enumerable.Repeat(new PairVote("encoder", "ngram"), 8));
        votes.AddRange(Enumerable.Repeat(new PairVote("ngram", "encoder"), 2));
        votes.AddRange(Enumerable.Repeat(new PairVote("gpt", "encoder"), 6));
        votes.AddRange(Enumerable.Repeat(new PairVote("encoder", "gpt"), 4));

        var ranking = VoteRanking.Rank(votes);

        Assert.Equal(["gpt", "encoder", "ngram"], ranking.Select(r => r.Setup));
        Assert.Equal((12, 20), (ranking[1].Wins, ranking[1].Votes));
        Assert.True(ranking[0].Strength > ranking[1].Strength && ranking[1].Strength > ranking[2].Strength);
    }

    [Fact]
    public void Ties_AreHalfAWinForEachSide_AndPullTheStrengthsTogether()
    {
        List<PairVote> decided = [.. Enumerable.Repeat(new PairVote("encoder", "ngram"), 6), new PairVote("ngram", "encoder")];
        List<PairVote> withTies = [.. decided, .. Enumerable.Repeat(new PairVote("encoder", "ngram", Tie: true), 10)];

        var before = VoteRanking.Rank(decided);
        var after = VoteRanking.Rank(withTies);

        Assert.Equal("encoder", after[0].Setup);
        Assert.True(after[0].Strength / after[1].Strength < before[0].Strength / before[1].Strength); // ten ties say they are closer
        Assert.Equal((6, 17, 10), (after[0].Wins, after[0].Votes, after[0].Ties));
        var allTies = VoteRanking.Rank([.. Enumerable.Repeat(new PairVote("a", "b", Tie: true), 5)]);
        Assert.Equal(allTies[0].Strength, allTies[1].Strength, 6); // identical replies: equal strength
    }

    [Fact]
    public void Recommendation_AmongFreeSetups_SaysWhatItSaves_NotACostOfZeroInsteadOfZero()
    {
        var reason = Recommendation.Choose(Results[..3], 3.0)!.Reason;

        Assert.DoesNotContain("instead of 0", reason);
        Assert.Contains("both free to run, in 0.03 ms instead of 3.90 ms per message", reason);
    }

    [Fact]
    public void AFreeCascadesThreshold_SaysItIsFree_NotZeroPerThousand()
    {
        ThresholdPoint[] sweep = [new(0.5f, 0.93, 0.1, 0.5, 0m), new(0.7f, 0.95, 0.2, 0.9, 0m)];

        var choice = CascadeThresholdChoice.Choose("ngram", "encoder", sweep, 0.95, "encoder", 1)!;

        Assert.Contains("free to run and 0.90 ms per message", choice.Reason);
        Assert.DoesNotContain("0 per 1,000", choice.Reason);
    }

    [Fact]
    public void NoVotes_NoRanking()
    {
        Assert.Empty(VoteRanking.Rank([]));
        Assert.Null(Recommendation.Choose([], 1));
    }

    [Fact]
    public void CascadeThreshold_IsTheCheapestThenFastestPointWithinTolerance()
    {
        ThresholdPoint[] sweep =
        [
            new(0.2f, 0.900, 0.05, 0.4, 0.10m),
            new(0.5f, 0.928, 0.20, 1.1, 0.40m),
            new(0.7f, 0.934, 0.35, 1.8, 0.70m),
            new(0.9f, 0.936, 0.60, 2.9, 1.20m),
        ];

        var withinOne = CascadeThresholdChoice.Choose("ngram", "gpt", sweep, 0.936, "gpt", 1.0)!;
        var exact = CascadeThresholdChoice.Choose("ngram", "gpt", sweep, 0.936, "gpt", 0)!;

        Assert.Equal("cascade:ngram>gpt@0.5", withinOne.Setup);
        Assert.Equal(0.9f, exact.Point.Threshold);
        Assert.Contains("escalating 20.0 % of messages to gpt", withinOne.Reason);
        Assert.Null(CascadeThresholdChoice.Choose("ngram", "gpt", sweep, 0.99, "other", 0.5)); // nowhere near the best: no threshold meets it
    }

    [Fact]
    public void FreeCascade_PrefersTheFastestPoint_ThenTheLeastEscalation()
    {
        ThresholdPoint[] sweep = [new(0.3f, 0.93, 0.10, 0.5, 0m), new(0.6f, 0.935, 0.30, 1.2, 0m), new(0.1f, 0.93, 0.05, 0.5, 0m)];

        var chosen = CascadeThresholdChoice.Choose("ngram", "encoder", sweep, 0.935, "encoder", 1.0)!;

        Assert.Equal(0.1f, chosen.Point.Threshold);
    }
}
