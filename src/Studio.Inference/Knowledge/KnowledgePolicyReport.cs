using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Inference.Serving;

namespace Studio.Inference.Knowledge;

/// <summary>How one question was answered: from the documents, by an intent's flow or response, or with the fallback.</summary>
public enum PolicyOutcome
{
    Knowledge,
    Intent,
    Fallback,
}

/// <summary>One question asked as the first message of a new conversation, and who answered it.</summary>
public sealed record PolicyAnswer(string Question, string ExpectedSource, string? Intent, PolicyOutcome Outcome, string? Source, string? Decision)
{
    public bool RightDocument => Outcome == PolicyOutcome.Knowledge && Source == ExpectedSource;
}

/// <summary>
/// Measures the intents-and-knowledge policy on questions that a document answers: how many the bot answers from
/// its documents (and from the right one), and how many an intent shadows (its flow or response answers instead).
/// Each question is a new conversation through the served pipeline, as a customer would ask it.
/// </summary>
public sealed record KnowledgePolicyReport(IReadOnlyList<PolicyAnswer> Answers)
{
    public int FromKnowledge => Answers.Count(a => a.Outcome == PolicyOutcome.Knowledge);

    public int FromRightDocument => Answers.Count(a => a.RightDocument);

    public int ShadowedByIntent => Answers.Count(a => a.Outcome == PolicyOutcome.Intent);

    public int Fallbacks => Answers.Count(a => a.Outcome == PolicyOutcome.Fallback);

    public static async Task<KnowledgePolicyReport> RunAsync(BotPipeline pipeline, IReadOnlyList<(string Question, string ExpectedSource)> questions,
        CancellationToken cancellationToken = default)
    {
        var answers = new List<PolicyAnswer>(questions.Count);
        foreach (var (question, expected) in questions)
        {
            var turn = await pipeline.TurnAsync(new ConversationState(), question, cancellationToken);
            var result = turn.Result;
            var outcome = result.KnowledgeSource is not null ? PolicyOutcome.Knowledge : result.Fallback ? PolicyOutcome.Fallback : PolicyOutcome.Intent;
            answers.Add(new PolicyAnswer(question, expected, turn.Understanding.OutOfScope ? null : turn.Understanding.Intent, outcome, result.KnowledgeSource, result.Decision));
        }

        return new KnowledgePolicyReport(answers);
    }

    /// <summary>
    /// The bot as it answered before the policy, to measure against: one threshold for every intent, and an intent's
    /// own response said before the documents are asked.
    /// </summary>
    public static BotDefinition WithoutPolicy(BotDefinition bot)
    {
        var before = Studio.Core.Documents.BotDocuments.Clone(bot);
        foreach (var intent in before.Intents)
        {
            intent.Threshold = null;
        }

        if (before.Knowledge is { } knowledge)
        {
            knowledge.AnswersIntentsWithoutFlow = false;
        }

        return before;
    }
}
