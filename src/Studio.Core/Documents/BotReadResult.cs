using Studio.Core.Bots;

namespace Studio.Core.Documents;

/// <summary>A parsed bot, or every problem that stops it from being one.</summary>
public sealed record BotReadResult(BotDefinition? Bot, IReadOnlyList<BotProblem> Problems)
{
    public bool IsValid => Bot is not null && Problems.Count == 0;
}
