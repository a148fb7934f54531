using Studio.Core.Entities;
using Studio.Inference.Bots;
using Studio.Inference.Classification;
using Studio.Inference.Sentiment;

namespace Studio.Application.Runtime;

/// <summary>The body of a runtime request: the user's message.</summary>
public sealed record RuntimeMessage(string Text);

public sealed record RankedIntent(string Intent, float Confidence);

/// <summary>What <c>/parse</c> returns: the understanding of one message, nothing done with it.</summary>
/// <param name="Setup">The intent setup the version serves, as written (a rung or a cascade).</param>
/// <param name="AnsweredBy">The rung whose intent counts: for a cascade, its small or its large rung.</param>
/// <param name="Timings">Every step that ran for this message, with its time: steps the setup does not need do not run.</param>
/// <param name="Note">Set when something did not go as the setup says, such as a large model that was unavailable.</param>
public sealed record ParseReply(string Bot, int Version, string Text, string? Intent, float Confidence, bool OutOfScope, IReadOnlyList<RankedIntent> Ranking,
    IReadOnlyList<ExtractedEntity> Entities, SentimentResult Sentiment, IReadOnlyList<StepTiming> Timings, string Setup, string AnsweredBy, double TotalMs,
    long TokensIn, long TokensOut, string? Note)
{
    /// <summary>What the turn cost at the model profiles' prices (0 for local rungs).</summary>
    public decimal Cost { get; init; }

    public static ParseReply From(ServedVersion served, TurnAnalysis analysis) => new(served.Bot.Id, served.Number, analysis.Text, analysis.Intent.Intent,
        analysis.Intent.Confidence, analysis.Intent.OutOfScope, [.. analysis.Intent.Ranking.Take(5).Select(r => new RankedIntent(r.Intent, r.Confidence))],
        analysis.Entities, analysis.Sentiment, analysis.Timings, analysis.Rung, analysis.AnsweredBy, analysis.TotalMilliseconds, analysis.TokensIn, analysis.TokensOut, analysis.Note)
    {
        Cost = analysis.Cost,
    };
}

/// <summary>
/// What <c>/messages</c> returns: the bot's replies and everything that led to them. <c>Replies</c> are plain text, for
/// an application that shows text as it is (SMS, voice, a plain label); <c>Markdown</c> holds the same replies as
/// written, for one that renders Markdown.
/// </summary>
/// <param name="Actions">The action calls the turn made: each with its URL, status, time and the slots it filled; never a header or a secret.</param>
/// <param name="Buttons">The replies' buttons: show each title, and send its payload as the next message when it is pressed.
/// A button with <c>quickReply</c> is a chip to remove once the user answers.</param>
/// <param name="Responses">The names of the responses said, in order.</param>
/// <param name="Links">Links to show under the replies.</param>
/// <param name="Images">Images (https) to show, each with the text to say where it cannot be shown.</param>
/// <param name="Cards">Cards to show: a title, text, an optional image and link, and buttons of their own.</param>
public sealed record MessageReply(string ConversationId, int Version, IReadOnlyList<string> Replies, IReadOnlyList<string> Markdown, ParseReply Understanding, IReadOnlyDictionary<string, string> Slots,
    IReadOnlyList<string> Nodes, string? Flow, bool Fallback, bool Handoff, string? HandoffSummary, double TotalMs, IReadOnlyList<Studio.Core.Conversations.ActionCall> Actions,
    IReadOnlyList<Studio.Core.Conversations.ReplyButton> Buttons, IReadOnlyList<string> Responses, IReadOnlyList<Studio.Core.Conversations.ReplyLink> Links,
    IReadOnlyList<Studio.Core.Conversations.ReplyImage> Images, IReadOnlyList<Studio.Core.Conversations.ReplyCard> Cards)
{
    /// <summary>The sensitive slot the message filled, if it did: a client should not keep or show what was typed.</summary>
    public string? SensitiveSlot { get; init; }

    /// <summary>Who answered and why: the intent, the bot's documents, or the fallback (see <see cref="Studio.Core.Conversations.TurnResult.Decision"/>).</summary>
    public string? Decision { get; init; }
}
