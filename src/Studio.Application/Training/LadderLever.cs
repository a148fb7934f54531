namespace Studio.Application.Training;

/// <summary>What a lever does when the designer runs it.</summary>
public enum LadderLeverKind
{
    /// <summary>Compares prompt variants of the largest model (<see cref="LadderLever.Setups"/>).</summary>
    PromptVariants,

    /// <summary>Answers questions from the bot's documents: compared on the Knowledge tab with the designer's questions.</summary>
    KnowledgeRetrieval,

    /// <summary>Cross-validates the intents on the smallest rung (<see cref="LadderLever.Rung"/>), to show which need examples or teacher labels.</summary>
    MoreExamples,
}

/// <summary>The next step of the method after a walk, in its order: prompt tuning, then retrieval, then training.</summary>
/// <param name="Setups">For prompt variants: the setups to compare.</param>
/// <param name="Rung">For more examples: the rung whose intents are cross-validated.</param>
public sealed record LadderLever(LadderLeverKind Kind, string Title, string Why, IReadOnlyList<string> Setups, string? Rung = null);
