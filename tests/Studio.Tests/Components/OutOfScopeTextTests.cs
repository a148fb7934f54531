using Studio.Web.Features.Compare;

namespace Studio.Tests.Components;

public sealed class OutOfScopeTextTests
{
    [Fact]
    public void WithoutOutOfScopeMessages_TheCellSaysNotApplicable_NotZero()
    {
        Assert.Equal("n/a", OutOfScopeText.Of(null, null));
    }

    [Fact]
    public void WithOutOfScopeMessages_TheCellShowsPrecisionAndRecall_AndNotApplicableForPrecisionWhenNothingWasRejected()
    {
        Assert.Equal($"{75.0:0.0} % / {50.0:0.0} %", OutOfScopeText.Of(0.75, 0.5));
        Assert.Equal($"n/a / {0.0:0.0} %", OutOfScopeText.Of(null, 0));
    }
}
