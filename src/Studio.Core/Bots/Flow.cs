namespace Studio.Core.Bots;

/// <summary>A graph of typed nodes; edges are the nodes' <c>next</c> and branch targets.</summary>
public sealed class Flow
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<FlowNode> Nodes { get; set; } = [];
}
