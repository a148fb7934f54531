using Studio.Core.Evaluation;

namespace Studio.Tests.Evaluation;

public class OutOfScopeCurveTests
{
    [Fact]
    public void Auroc_IsOneWhenEveryOutOfScopeMessageScoresLowest_AndHalfForTies()
    {
        bool[] outside = [true, true, false, false];

        Assert.Equal(1.0, OutOfScopeCurve.Auroc([0.1f, 0.2f, 0.8f, 0.9f], outside), 6);
        Assert.Equal(0.0, OutOfScopeCurve.Auroc([0.8f, 0.9f, 0.1f, 0.2f], outside), 6);
        Assert.Equal(0.5, OutOfScopeCurve.Auroc([0.5f, 0.5f, 0.5f, 0.5f], outside), 6);
        Assert.Equal(0.75, OutOfScopeCurve.Auroc([0.1f, 0.85f, 0.8f, 0.9f], outside), 6);
    }

    [Fact]
    public void RecallAtInScopePrecision_StopsAtTheFirstThresholdWhereTheAnswersGivenAreRightEnough()
    {
        // Scores rising: two out-of-scope, one wrong in-scope answer, then right answers.
        float[] scores = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f];
        bool[] outside = [true, true, false, false, false, false, false, true];
        bool[] right = [false, false, false, true, true, true, true, false];

        var (recall, accuracy) = OutOfScopeCurve.RecallAtInScopePrecision(scores, outside, right, 0.75);

        // Rejecting the two lowest leaves 4 right of 6 answers (0.67); the wrong one too, 4 of 5 (0.8).
        Assert.Equal(2 / 3.0, recall, 6);
        Assert.Equal(4 / 5.0, accuracy, 6);
    }

    [Fact]
    public void RecallKeepingInScope_UsesTheThresholdThatKeepsTheShareOfInScopeMessages()
    {
        float[] scores = [0.05f, 0.15f, 0.5f, 0.1f, 0.2f, 0.3f, 0.4f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f];
        bool[] outside = [true, true, true, false, false, false, false, false, false, false, false, false];

        // Keeping 8 of the 9 in-scope messages puts the threshold at 0.2: 0.05 and 0.15 are caught, 0.5 is not.
        Assert.Equal(2 / 3.0, OutOfScopeCurve.RecallKeepingInScope(scores, outside, 8 / 9.0), 6);
        Assert.True(double.IsNaN(OutOfScopeCurve.RecallKeepingInScope([0.1f], [false], 0.95)));
    }
}
