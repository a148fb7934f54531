using Microsoft.EntityFrameworkCore;

namespace Studio.Data.Publishing;

/// <summary>A served conversation as the transcript list shows it.</summary>
public sealed record ConversationSummary(string ConversationId, int Version, int Turns, DateTime FirstUtc, DateTime LastUtc);

/// <summary>Transcripts of served conversations, per bot, removed after the retention period.</summary>
public sealed class TranscriptStore(IDbContextFactory<StudioDbContext> contexts, Access.ICurrentActor actor)
{
    public Task AddAsync(IReadOnlyCollection<TranscriptTurn> turns, CancellationToken cancellationToken = default) =>
        RecordAsync([.. turns.Select(t => (t, true))], cancellationToken);

    /// <summary>
    /// Counts served turns in the hourly analytics and stores the ones to keep, in one transaction: a turn is never
    /// counted without being stored, or stored twice after a retry.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<(TranscriptTurn Turn, bool Keep)> turns, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Analytics.TrafficRecorder.RecordAsync(db, [.. turns.Select(t => t.Turn)], cancellationToken);
        db.Transcripts.AddRange(turns.Where(t => t.Keep).Select(t => t.Turn));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationSummary>> ConversationsAsync(string botId, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Transcripts.AsNoTracking().Where(t => t.BotId == botId)
            .GroupBy(t => t.ConversationId)
            .Select(g => new { g.Key, Version = g.Max(t => t.Version), Turns = g.Count(), First = g.Min(t => t.CreatedUtc), Last = g.Max(t => t.CreatedUtc) })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Last).Take(take).Select(r => new ConversationSummary(r.Key, r.Version, r.Turns, r.First, r.Last))];
    }

    public async Task<IReadOnlyList<TranscriptTurn>> TurnsAsync(string botId, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transcripts.AsNoTracking().Where(t => t.BotId == botId && t.ConversationId == conversationId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
    }

    /// <summary>What users typed to the bot, newest first, at most <paramref name="take"/> turns' worth (repeats included).</summary>
    public async Task<IReadOnlyList<string>> UserMessagesAsync(string botId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transcripts.AsNoTracking().Where(t => t.BotId == botId).OrderByDescending(t => t.Id).Take(take).Select(t => t.UserText).ToListAsync(cancellationToken);
    }

    public const int MaxInboxPage = 200;

    /// <summary>Unreviewed turns that something went wrong in (or might have): the review inbox.</summary>
    public async Task<InboxPage> InboxAsync(string botId, InboxQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (reasons, below) = (query.Reasons, query.Below);
        var (low, outOfScope, fallback, negative, escalated) = (reasons.HasFlag(InboxReason.LowConfidence), reasons.HasFlag(InboxReason.OutOfScope),
            reasons.HasFlag(InboxReason.Fallback), reasons.HasFlag(InboxReason.Negative), reasons.HasFlag(InboxReason.Escalated));
        var waiting = db.Transcripts.AsNoTracking().Where(t => t.BotId == botId && t.Review == TurnReview.None
            && ((low && !t.OutOfScope && t.Confidence < below) || (outOfScope && t.OutOfScope) || (fallback && t.Fallback) || (negative && t.Sentiment == "negative")
                || (escalated && t.Escalated)));
        var items = await waiting.OrderByDescending(t => t.CreatedUtc).ThenByDescending(t => t.Id).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxInboxPage))
            .ToListAsync(cancellationToken);
        return new InboxPage(items, await waiting.CountAsync(cancellationToken));
    }

    /// <summary>Reviewed turns, most recently reviewed first: what can be undone, and what the next training is checked against.</summary>
    public async Task<IReadOnlyList<TranscriptTurn>> ReviewedAsync(string botId, int take = MaxInboxPage, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transcripts.AsNoTracking().Where(t => t.BotId == botId && t.Review != TurnReview.None)
            .OrderByDescending(t => t.ReviewedUtc).ThenByDescending(t => t.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
    }

    /// <exception cref="TurnNotFoundException">The bot has no such stored turn.</exception>
    public async Task<TranscriptTurn> TurnAsync(string botId, long turnId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transcripts.AsNoTracking().SingleOrDefaultAsync(t => t.BotId == botId && t.Id == turnId, cancellationToken) ?? throw new TurnNotFoundException(botId, turnId);
    }

    /// <summary>
    /// Records a review of an unreviewed turn. False when the turn was reviewed meanwhile (by someone else, or a double
    /// click): the review is claimed by one update, so two reviewers never both add the same message.
    /// </summary>
    /// <exception cref="Access.PermissionDeniedException">The actor may not edit.</exception>
    public async Task<bool> ReviewAsync(string botId, long turnId, TurnReview review, string? intent, string? added, CancellationToken cancellationToken = default)
    {
        var who = await Access.ActorExtensions.DemandAsync(actor, Access.Right.Edit, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        return await db.Transcripts.Where(t => t.BotId == botId && t.Id == turnId && t.Review == TurnReview.None).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Review, review).SetProperty(t => t.ReviewedIntent, intent).SetProperty(t => t.ReviewedAdded, added)
            .SetProperty(t => t.ReviewedBy, who.Name).SetProperty(t => t.ReviewedUtc, now), cancellationToken) == 1;
    }

    /// <summary>
    /// Puts a reviewed turn back in the inbox; with <paramref name="reviewedUtc"/>, only while it still holds the review
    /// made then, so an undo never takes back a review made since by someone else.
    /// </summary>
    /// <exception cref="Access.PermissionDeniedException">The actor may not edit.</exception>
    public async Task<bool> UnreviewAsync(string botId, long turnId, DateTime? reviewedUtc = null, CancellationToken cancellationToken = default)
    {
        await Access.ActorExtensions.DemandAsync(actor, Access.Right.Edit, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transcripts.Where(t => t.BotId == botId && t.Id == turnId && t.Review != TurnReview.None && (reviewedUtc == null || t.ReviewedUtc == reviewedUtc))
            .ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Review, TurnReview.None).SetProperty(t => t.ReviewedIntent, (string?)null).SetProperty(t => t.ReviewedAdded, (string?)null)
            .SetProperty(t => t.ReviewedBy, (string?)null).SetProperty(t => t.ReviewedUtc, (DateTime?)null), cancellationToken) == 1;
    }

    /// <summary>Deletes turns past their retention; returns how many went.</summary>
    public async Task<int> DeleteExpiredAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A conversation idle for a day has lost its state long since; if it comes back it is a new one.
        await db.ServedConversations.Where(c => c.LastUtc < nowUtc.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);
        return await db.Transcripts.Where(t => t.ExpiresUtc < nowUtc).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Shortens the retention of the bot's stored turns to <paramref name="days"/> (never lengthens it); returns how many changed.</summary>
    public async Task<int> CapRetentionAsync(string botId, int days, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (days <= 0)
        {
            return await db.Transcripts.Where(t => t.BotId == botId).ExecuteDeleteAsync(cancellationToken);
        }

        return await db.Transcripts.Where(t => t.BotId == botId && t.ExpiresUtc > t.CreatedUtc.AddDays(days))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresUtc, t => t.CreatedUtc.AddDays(days)), cancellationToken);
    }

    /// <summary>
    /// Erases one conversation's turns (for a user who asks to be forgotten) and returns what they were, so the caller
    /// can erase what was derived from them. Needs the publish right: it destroys served data.
    /// </summary>
    /// <exception cref="Access.PermissionDeniedException">The actor may not publish.</exception>
    public async Task<IReadOnlyList<TranscriptTurn>> ForgetAsync(string botId, string conversationId, CancellationToken cancellationToken = default)
    {
        await Access.ActorExtensions.DemandAsync(actor, Access.Right.Publish, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var turns = await db.Transcripts.AsNoTracking().Where(t => t.BotId == botId && t.ConversationId == conversationId).ToListAsync(cancellationToken);
        await db.Transcripts.Where(t => t.BotId == botId && t.ConversationId == conversationId).ExecuteDeleteAsync(cancellationToken);
        await db.ServedConversations.Where(c => c.BotId == botId && c.ConversationId == conversationId).ExecuteDeleteAsync(cancellationToken);
        return turns;
    }
}
