namespace Studio.Core.Bots;

/// <summary>One way out of a branch node, taken when its condition holds; the first that holds wins.</summary>
public sealed class FlowBranch
{
    /// <summary>What is tested: <c>slot</c>, <c>sentiment</c>, <c>intent</c> or <c>confidence</c>.</summary>
    public string On { get; set; } = "";

    /// <summary>The slot tested, when <see cref="On"/> is <c>slot</c>.</summary>
    public string? Slot { get; set; }

    /// <summary><c>equals</c>, <c>notEquals</c>, <c>lessThan</c>, <c>greaterThan</c>, <c>isSet</c> or <c>otherwise</c>.</summary>
    public string Operator { get; set; } = "equals";

    public string? Value { get; set; }

    public string Next { get; set; } = "";
}
