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
