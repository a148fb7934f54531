namespace Studio.Core.Bots;

public enum FlowNodeType
{
    Trigger,
    Say,
    Ask,
    Branch,
    Generate,
    Knowledge,
    Handoff,
    Action,
    End,
}
