using Studio.Core.Bots;
using Studio.Web.Features.Flows;

namespace Studio.Tests.Components;

/// <summary>The canvas's auto-layout and its undo history, apart from the browser.</summary>
public sealed class CanvasToolsTests
{
    private static FlowNode N(string id, FlowNodeType type, string? next = null, params string[] branches) => new()
    {
        Id = id, Type = type, Next = next,
        Branches = branches.Length == 0 ? null : [.. branches.Select(b => new FlowBranch { On = "intent", Operator = "otherwise", Next = b })],
    };

    [Fact]
    public void AutoLayout_PutsEachNodeAColumnAfterWhatLeadsToIt_StacksBranches_AndLoopsDoNotPushNodesOn()
    {
        List<FlowNode> nodes =
        [
            N("orphan", FlowNodeType.Say),
            N("start", FlowNodeType.Trigger, "ask"),
            N("ask", FlowNodeType.Ask, "check"),
            N("check", FlowNodeType.Branch, null, "yes", "no"),
            N("yes", FlowNodeType.Say, "done"),
            N("no", FlowNodeType.Say, "ask"), // asks again: a loop back
            N("done", FlowNodeType.End),
        ];

        var at = FlowLayout.Arrange(nodes);

        double Column(string id) => (at[id].X - FlowLayout.Left) / FlowLayout.ColumnWidth;
        Assert.Equal([0, 1, 2, 3, 3, 4], new[] { "start", "ask", "check", "yes", "no", "done" }.Select(Column));
        Assert.NotEqual(at["yes"].Y, at["no"].Y);
        Assert.Equal(5, Column("orphan")); // nothing reaches it: after the rest
        Assert.Equal(nodes.Count, at.Values.Select(p => (p.X, p.Y)).Distinct().Count()); // no two nodes on one spot
    }

    [Fact]
    public void AutoLayout_SpacesColumnsByTheirWidestMeasuredNode()
    {
        List<FlowNode> nodes = [N("start", FlowNodeType.Trigger, "say"), N("say", FlowNodeType.Say, "done"), N("done", FlowNodeType.End)];

        var at = FlowLayout.Arrange(nodes, id => id == "start" ? 400 : 150);

        Assert.Equal(FlowLayout.Left + 400 + FlowLayout.ColumnGap, at["say"].X);
        Assert.Equal(at["say"].X + 150 + FlowLayout.ColumnGap, at["done"].X);
    }

    [Fact]
    public void AutoLayout_WithTwoNodesSharingAnId_BeforeTheSaveRefusesIt_DoesNotFail()
    {
        var at = FlowLayout.Arrange([N("start", FlowNodeType.Trigger, "say"), N("say", FlowNodeType.Say), N("say", FlowNodeType.Say)]);

        Assert.Equal(2, at.Count);
    }

    [Fact]
    public void AutoLayout_OfAFlowWithoutATrigger_StartsAtItsFirstNode()
    {
        var at = FlowLayout.Arrange([N("a", FlowNodeType.Say, "b"), N("b", FlowNodeType.End)]);

        Assert.True(at["a"].X < at["b"].X);
    }

    [Fact]
    public void History_UndoesAndRedoes_AndANewEditDropsWhatCouldBeRedone()
    {
        var history = new CanvasHistory();
        history.Reset("loaded");
        Assert.False(history.CanUndo);

        history.Record("one node");
        Assert.False(history.Record("one node")); // a click that changed nothing is not a step
        history.Record("two nodes");

        Assert.Equal("one node", history.Undo());
        Assert.Equal("loaded", history.Undo());
        Assert.Null(history.Undo());
        Assert.Equal("one node", history.Redo());
        history.Record("moved");
        Assert.False(history.CanRedo);
        Assert.Equal("one node", history.Undo());
    }

    [Fact]
    public void History_KeepsABoundedNumberOfSteps()
    {
        var history = new CanvasHistory();
        history.Reset("0");
        for (var i = 1; i <= CanvasHistory.MaxStates + 50; i++)
        {
            history.Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var undone = 0;
        while (history.Undo() is not null)
        {
            undone++;
        }

        Assert.Equal(CanvasHistory.MaxStates - 1, undone);
    }
}
