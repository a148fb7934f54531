namespace Studio.Core.Documents;

/// <summary>
/// A check of a bot against what this installation has (its models, for one): run with the document's own rules on every
/// save, so a bot that could not be served is refused when it is written, not when it is published or first asked.
/// </summary>
public interface IBotCheck
{
    IReadOnlyList<BotProblem> Check(Bots.BotDefinition bot);
}
