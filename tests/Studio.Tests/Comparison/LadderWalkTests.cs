using Studio.Core.Comparison;

namespace Studio.Tests.Comparison;

/// <summary>The walk's rules on made-up figures: the order of the rungs, the step where quality drops, and what to serve.</summary>
public class LadderWalkTests
{
    private static readonly LadderRung Gpt = new("gpt", "GPT", 8_000_000_000, IsLarge: true);
    private static readonly LadderRung Unsized = new("local", "Local GGUF", null, IsLarge: true);
    private static readonly LadderRung Encoder = new("encoder", "MiniLM", 22_700_000, IsLarge: false);
    private static readonly LadderRung Ngram = new("ngram", "n-grams", null, IsLarge: false);

    [Fact]
    public void Rungs_AreWalkedLargestFirst_AndALargeModelOfUnknownSizeRanksAboveTheSmallOnes()
    {
        var order = LadderWalk.Order([Ngram, Encoder, Gpt, Unsized]);

        Assert.Equal(["local", "gpt", "encoder", "ngram"], order.Select(r => r.Setup));
    }

    [Fact]
    public void TheDrop_IsTheFirstStepBelowTheToleranceAfterOneThatHeld_AndTheSmallestHolderIsServed()
    {
        IReadOnlyList<LadderRung> rungs = [Gpt, Encoder, Ngram];
        IReadOnlyList<SetupResult> results = [Result("gpt(shots=4)", 0.95, cost: 12m, ms: 900), Result("encoder", 0.945, ms: 8), Result("ngram", 0.90, ms: 0.1)];

        var walk = LadderWalk.Walk(rungs, results, tolerancePoints: 1);

        Assert.Equal([true, true, false], walk.Steps.Select(s => s.Holds));
        Assert.Equal("ngram", walk.Drop?.Rung.Setup);
        Assert.Equal("encoder", walk.Recommended.Setup);
        Assert.Contains("Quality drops at ngram: 90.0 %", walk.Reason);
        Assert.Contains("The smallest rung that holds is encoder at 94.5 %", walk.Reason);
        Assert.Equal("cascade:ngram>encoder", LadderWalk.CascadeToTry(rungs, results, 1));
    }

    [Fact]
    public void ACascadeThatHolds_AndCostsLessThanTheSmallestHolder_IsServedInstead()
    {
        IReadOnlyList<LadderRung> rungs = [Gpt, Encoder, Ngram];
        IReadOnlyList<SetupResult> results = [Result("gpt(shots=4)", 0.95, cost: 12m, ms: 900), Result("encoder", 0.945, ms: 8), Result("ngram", 0.90, ms: 0.1)];

        var cheap = LadderWalk.Walk(rungs, results, 1, Result("cascade:ngram>encoder@0.7", 0.944, ms: 1.2, escalated: 0.12));
        var slow = LadderWalk.Walk(rungs, results, 1, Result("cascade:ngram>encoder@0.9", 0.946, ms: 9, escalated: 0.9));
        var weak = LadderWalk.Walk(rungs, results, 1, Result("cascade:ngram>encoder@0.3", 0.92, ms: 0.5, escalated: 0.05));

        Assert.Equal("cascade:ngram>encoder@0.7", cheap.Recommended.Setup);
        Assert.Contains("escalating 12.0 % of messages", cheap.Reason);
        Assert.True(cheap.Cascade!.Holds);
        Assert.Equal("encoder", slow.Recommended.Setup);
        Assert.Contains("but costs no less", slow.Reason);
        Assert.Equal("encoder", weak.Recommended.Setup);
        Assert.False(weak.Cascade!.Holds);
        Assert.Contains("below the tolerance", weak.Reason);
    }

    [Fact]
    public void WhenEveryStepHolds_TheSmallestRungIsServed_AndNoCascadeIsTried()
    {
        IReadOnlyList<LadderRung> rungs = [Unsized, Encoder, Ngram];
        IReadOnlyList<SetupResult> results = [Result("local(shots=4)", 0.10, ms: 40), Result("encoder", 0.93, ms: 8), Result("ngram", 0.925, ms: 0.1)];

        var walk = LadderWalk.Walk(rungs, results, tolerancePoints: 1);

        // The largest model did not hold (a small story model cannot read intents), so no step down "drops".
        Assert.Equal([false, true, true], walk.Steps.Select(s => s.Holds));
        Assert.Null(walk.Drop);
        Assert.Equal("ngram", walk.Recommended.Setup);
        Assert.Contains("No step down falls more than 1 points below the best (encoder, 93.0 %)", walk.Reason);
        Assert.Contains("The smallest rung, ngram, holds at 92.5 %", walk.Reason);
        Assert.Null(LadderWalk.CascadeToTry(rungs, results, 1));
    }

    [Fact]
    public void AWalk_NeedsOneResultPerRung()
    {
        Assert.Throws<ArgumentException>(() => LadderWalk.Walk([Encoder, Ngram], [Result("encoder", 0.9)], 1));
        Assert.Throws<ArgumentException>(() => LadderWalk.Walk([], [], 1));
    }

    private static SetupResult Result(string setup, double accuracy, decimal cost = 0m, double ms = 1, double? escalated = null) =>
        new(setup, accuracy, accuracy, null, null, ms, ms, ms, 0, 0, cost, escalated);
}
