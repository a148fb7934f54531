using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>What a <c>bot@alias</c> completion replays of a long history.</summary>
public sealed class ReplayWindowTests
{
    [Fact]
    public void TheWindow_IsBoundedInCharacters_AsWellAsTurns()
    {
        string[] history = [new string('a', 3000), new string('b', 3000), new string('c', 3000), "last"];

        var byCharacters = ReplayWindow.Of(history, maxTurns: 20, maxCharacters: 8000, maxMessageLength: 5000);
        var byTurns = ReplayWindow.Of(history, maxTurns: 2, maxCharacters: 100_000, maxMessageLength: 5000);

        Assert.Equal([history[1], history[2], "last"], byCharacters);
        Assert.Equal([history[2], "last"], byTurns);
    }

    [Fact]
    public void TheLastMessage_IsAlwaysReplayed_AndAnOverlongEarlierOneEndsTheWindow()
    {
        string[] history = ["first", new string('x', 9000), "second", "last"];

        var window = ReplayWindow.Of(history, maxTurns: 20, maxCharacters: 100_000, maxMessageLength: 2000);
        var tight = ReplayWindow.Of(["only"], maxTurns: 20, maxCharacters: 1, maxMessageLength: 2000);

        Assert.Equal(["second", "last"], window);
        Assert.Equal(["only"], tight);
    }
}
