using Studio.Core.Entities;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Sentiment;

namespace Studio.Application.Runtime;

/// <summary>The body of a runtime request: the user's message.</summary>
public sealed record RuntimeMessage(string Text);

public sealed record RankedIntent(string Intent, float Confidence);

/// <summary>What <c>/parse</c> returns: the understanding of one message, nothing done with it.</summary>
public sealed record ParseReply(string Bot, int Version, string Text, string? Intent, float Confidence, bool OutOfScope, IReadOnlyList<RankedIntent> Ranking,
    IReadOnlyList<ExtractedEntity> Entities, SentimentResult Sentiment, IReadOnlyList<StepTiming> Timings)
{
    public static ParseReply From(ServedVersion served, TurnAnalysis analysis) => new(served.Bot.Id, served.Number, analysis.Text, analysis.Intent.Intent,
        analysis.Intent.Confidence, analysis.Intent.OutOfScope, [.. analysis.Intent.Ranking.Take(5).Select(r => new RankedIntent(r.Intent, r.Confidence))],
        analysis.Entities, analysis.Sentiment, analysis.Timings);
}

/// <summary>
/// What <c>/messages</c> returns: the bot's replies and everything that led to them. <c>Replies</c> are plain text, for
/// an application that shows text as it is (SMS, voice, a plain label); <c>Markdown</c> holds the same replies as
/// written, for one that renders Markdown.
/// </summary>
public sealed record MessageReply(string ConversationId, int Version, IReadOnlyList<string> Replies, IReadOnlyList<string> Markdown, ParseReply Understanding, IReadOnlyDictionary<string, string> Slots,
    IReadOnlyList<string> Nodes, string? Flow, bool Fallback, bool Handoff, string? HandoffSummary, double TotalMs);
