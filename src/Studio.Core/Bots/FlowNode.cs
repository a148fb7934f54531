namespace Studio.Core.Bots;

/// <summary>
/// One step of a flow. The fields used depend on <see cref="Type"/>: a trigger has an intent, a say a
/// response, an ask a slot and entity, a branch its branches, a generate a prompt, an action the action it calls
/// and where to go when the call fails.
/// </summary>
public sealed class FlowNode
{
    public string Id { get; set; } = "";

    public FlowNodeType Type { get; set; }

    public string? Intent { get; set; }

    public string? Response { get; set; }

    public string? Slot { get; set; }

    public string? Entity { get; set; }

    public int? MaxAttempts { get; set; }

    public string? Prompt { get; set; }

    /// <summary>For a knowledge node: <c>extractive</c> (quote the best passage, the default) or <c>generative</c> (a large model answers from the passages, citing them).</summary>
    public string? Mode { get; set; }

    /// <summary>For an action node: the name of the action under <c>actions</c> it calls.</summary>
    public string? Action { get; set; }

    public string? Next { get; set; }

    /// <summary>For an action node: the node taken when the call fails, times out or answers with something that is not JSON.</summary>
    public string? OnError { get; set; }

    public List<FlowBranch>? Branches { get; set; }

    public NodePosition? Position { get; set; }

    /// <summary>The ids this node can lead to: its next, its onError and its branches' targets.</summary>
    public IEnumerable<string> Targets() => new[] { Next, OnError }.Concat((Branches ?? []).Select(b => b.Next)).OfType<string>();
}
