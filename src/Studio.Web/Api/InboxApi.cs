using Microsoft.AspNetCore.Http.HttpResults;
using Studio.Application.Review;
using Studio.Data.Drafts;
using Studio.Data.Publishing;

namespace Studio.Web.Api;

/// <summary>The review inbox: served turns to learn from, turned into examples or tests, or set aside; every review can be undone.</summary>
public static class InboxApi
{
    /// <param name="Intent">The right intent; null or absent for out of scope (tests only).</param>
    /// <param name="Example">The message as the example to add, with entity marks (<c>[4821](card_last_four)</c>); the message as stored when absent.</param>
    public sealed record ReviewRequest(string? Intent = null, string? Example = null);

    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/studio/bots/{botId}/inbox").WithTags("Review inbox");
        inbox.MapGet("/", ListAsync).WithName("ListInbox")
            .WithSummary("Unreviewed served turns, newest first, with any of the reasons asked for (lowConfidence, outOfScope, fallback, negative, escalated; all by default).");
        inbox.MapGet("/reviewed", (string botId, TranscriptStore store, CancellationToken ct) => store.ReviewedAsync(botId, cancellationToken: ct)).WithName("ListReviewed")
            .WithSummary("Reviewed turns, most recent first, with what was done.");
        var edit = inbox.MapGroup("").RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit);
        edit.MapPost("/{turnId:long}/example", (string botId, long turnId, ReviewRequest request, ReviewInbox review, CancellationToken ct) =>
            review.AddExampleAsync(botId, turnId, request.Intent ?? throw new ArgumentException("Name the intent the message is an example of."), request.Example, ct))
            .WithName("ReviewAsExample").WithSummary("Adds the message to the draft as an example of the intent, with any entity marks; 409 if already reviewed.");
        edit.MapPost("/{turnId:long}/test", (string botId, long turnId, ReviewRequest request, ReviewInbox review, CancellationToken ct) =>
            review.AddTestAsync(botId, turnId, request.Intent, ct)).WithName("ReviewAsTest")
            .WithSummary("Turns the conversation up to this turn into a conversation test, this turn expecting the intent (out of scope without one).");
        edit.MapPost("/{turnId:long}/out-of-scope", (string botId, long turnId, ReviewInbox review, CancellationToken ct) =>
            review.MarkAsync(botId, turnId, TurnReview.OutOfScope, ct)).WithName("ReviewAsOutOfScope").WithSummary("Confirms that the bot should not handle the message.");
        edit.MapPost("/{turnId:long}/dismiss", (string botId, long turnId, ReviewInbox review, CancellationToken ct) =>
            review.MarkAsync(botId, turnId, TurnReview.Dismissed, ct)).WithName("DismissTurn").WithSummary("Sets the turn aside: nothing to learn.");
        edit.MapPost("/{turnId:long}/undo", (string botId, long turnId, ReviewInbox review, CancellationToken ct) =>
            review.UndoAsync(botId, turnId, ct)).WithName("UndoReview").WithSummary("Takes out what the review added and puts the turn back in the inbox.");
        edit.MapPost("/check", (string botId, ReviewInbox review, CancellationToken ct) => review.CheckAsync(botId, ct)).WithName("CheckReviewed")
            .WithSummary("Trains the draft and reads every reviewed message with it: how many it now gets right, and the ones it misses.");
        return app;
    }

    private static async Task<Ok<InboxPage>> ListAsync(string botId, string? reasons, float? below, int? skip, int? take, BotDraftStore drafts, TranscriptStore store,
        CancellationToken cancellationToken)
    {
        await drafts.GetAsync(botId, cancellationToken);
        var wanted = InboxReason.None;
        foreach (var reason in (reasons ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            wanted |= Enum.TryParse<InboxReason>(reason, ignoreCase: true, out var parsed) && parsed != InboxReason.None ? parsed
                : throw new ArgumentException($"'{reason}' is not a reason: use lowConfidence, outOfScope, fallback, negative or escalated.");
        }

        if (below is < 0 or > 1)
        {
            throw new ArgumentException("below is a confidence between 0 and 1.");
        }

        return TypedResults.Ok(await store.InboxAsync(botId, new InboxQuery(wanted == InboxReason.None ? InboxReason.All : wanted, below ?? 0.5f, skip ?? 0, take ?? 25),
            cancellationToken));
    }
}
