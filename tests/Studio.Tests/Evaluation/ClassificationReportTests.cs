using Studio.Core.Evaluation;

namespace Studio.Tests.Evaluation;

public class ClassificationReportTests
{
    // Six messages: two intents and two out-of-scope ones; null is "out of scope" on either side.
    private static readonly string?[] Expected = ["a", "a", "a", "b", null, null];
    private static readonly string?[] Predicted = ["a", "a", "b", "b", null, "a"];

    [Fact]
    public void Metrics_MatchAHandCount()
    {
        var report = ClassificationReport.Compute(Expected, Predicted);

        Assert.Equal(4.0 / 6, report.Accuracy, 6);
        Assert.Equal(3.0 / 4, report.InScopeAccuracy, 6);
        Assert.Equal(1.0, report.OutOfScopePrecision);
        Assert.Equal(0.5, report.OutOfScopeRecall);
        var a = report.PerLabel.Single(l => l.Label == "a");
        Assert.Equal((2.0 / 3, 2.0 / 3, 3), (a.Precision, a.Recall, a.Support));
        var b = report.PerLabel.Single(l => l.Label == "b");
        Assert.Equal((0.5, 1.0), (b.Precision, b.Recall));
        Assert.Equal(((2.0 / 3) + (2.0 / 3)) / 2, report.MacroF1, 6);
    }

    [Fact]
    public void MacroF1_CountsOutOfScopeAndIntentsNeverExpected_SoItCannotSayPerfectBesideWrongAnswers()
    {
        // Five intents answered right, two out-of-scope messages answered with an intent the set never expects: 5 of 7 right.
        string?[] expected = ["a", "b", "c", "d", "e", null, null];
        string?[] predicted = ["a", "b", "c", "d", "e", "x", "x"];

        var report = ClassificationReport.Compute(expected, predicted);

        Assert.Equal(5.0 / 7, report.Accuracy, 6);
        // a…e score 1, x (predicted, never expected) 0, out of scope (never caught) 0.
        Assert.Equal(5.0 / 7, report.MacroF1, 6);
        Assert.True(report.MacroF1 < 1);
        Assert.Equal(0, report.OutOfScopeRecall);
    }

    [Fact]
    public void WithoutOutOfScopeMessages_OutOfScopePrecisionAndRecall_AreNotApplicable()
    {
        // The bot rejected an in-scope message: a miss, not a 0 % precision.
        var report = ClassificationReport.Compute(["a", "b", "b"], ["a", null, "b"]);

        Assert.Null(report.OutOfScopePrecision);
        Assert.Null(report.OutOfScopeRecall);
        Assert.Equal(2.0 / 3, report.Accuracy, 6);
        // a and b only: out of scope is no class here, and b's recall is 1/2.
        Assert.Equal((1 + (2 * 1 * 0.5 / 1.5)) / 2, report.MacroF1, 6);
    }

    [Fact]
    public void ConfusionMatrix_CountsPairs_AndNamesTheMostConfused()
    {
        var confusion = ClassificationReport.Compute(Expected, Predicted).Confusion;
        var a = confusion.Labels.ToList().IndexOf("a");
        var b = confusion.Labels.ToList().IndexOf("b");
        var oos = confusion.Labels.ToList().IndexOf(ConfusionMatrix.OutOfScope);

        Assert.Equal(2, confusion[a, a]);
        Assert.Equal(1, confusion[a, b]);
        Assert.Equal(1, confusion[oos, a]);
        Assert.Equal(("a", "b", 1), confusion.MostConfused(1)[0]);
    }

    [Fact]
    public void StratifiedFolds_SpreadEveryLabel_AndAreRepeatable()
    {
        var labels = Enumerable.Range(0, 50).Select(i => i % 5 == 0 ? "rare" : "common").ToArray();

        var folds = CrossValidation.StratifiedFolds(labels, 5);

        Assert.Equal(folds, CrossValidation.StratifiedFolds(labels, 5));
        Assert.All(Enumerable.Range(0, 5), f => Assert.Equal(2, Enumerable.Range(0, 50).Count(i => folds[i] == f && labels[i] == "rare")));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.StratifiedFolds(labels, 1));
    }
}
