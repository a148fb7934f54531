namespace Studio.Core.Documents;

/// <summary>A bot was refused because it is not valid; carries every problem, not only the first.</summary>
public sealed class BotValidationException(IReadOnlyList<BotProblem> problems)
    : Exception(problems.Count == 1 ? problems[0].ToString() : $"The bot has {problems.Count} problems; the first: {problems[0]}")
{
    public IReadOnlyList<BotProblem> Problems { get; } = problems;
}
