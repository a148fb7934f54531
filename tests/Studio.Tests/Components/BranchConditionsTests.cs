using Studio.Core.Bots;
using Studio.Web.Features.Flows;

namespace Studio.Tests.Components;

public class BranchConditionsTests
{
    [Theory]
    [InlineData("sentiment", null, "equals", "negative", "sentiment is negative")]
    [InlineData("confidence", null, "lessThan", "0.5", "confidence is below 0.5")]
    [InlineData("slot", "amount", "greaterThan", "500", "slot amount is above 500")]
    [InlineData("slot", "account", "isSet", "ignored", "slot account is filled")]
    [InlineData("intent", null, "otherwise", null, "otherwise")]
    public void ACondition_ReadsAsOneLine(string on, string? slot, string op, string? value, string expected) =>
        Assert.Equal(expected, BranchConditions.Describe(new FlowBranch { On = on, Slot = slot, Operator = op, Value = value, Next = "x" }));

    [Fact]
    public void OnlyTestsThatMeanSomething_AreOffered()
    {
        Assert.DoesNotContain("isSet", BranchConditions.OperatorsFor("intent"));
        Assert.DoesNotContain("equals", BranchConditions.OperatorsFor("confidence"));
        Assert.Contains("isSet", BranchConditions.OperatorsFor("slot"));
        Assert.All(BranchConditions.Subjects, s => Assert.Contains("otherwise", BranchConditions.OperatorsFor(s)));
    }
}
