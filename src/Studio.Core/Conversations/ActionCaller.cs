using Studio.Core.Bots;

namespace Studio.Core.Conversations;

/// <summary>Makes an action node's call with the conversation's slots, within the action's timeout; never throws for a failed call.</summary>
public delegate ValueTask<ActionCall> ActionCaller(ActionDefinition action, IReadOnlyDictionary<string, string> slots, CancellationToken cancellationToken);
