using Microsoft.EntityFrameworkCore;

namespace Studio.Data.Publishing;

/// <summary>A served conversation as the transcript list shows it.</summary>
public sealed record ConversationSummary(string ConversationId, int Version, int Turns, DateTime FirstUtc, DateTime LastUtc);

/// <summary>Transcripts of served conversations, per bot, removed after the retention period.</summary>
public sealed class TranscriptStore(IDbContextFactory<StudioDbContext> contexts)
{
    public async Task AddAsync(IReadOnlyCollection<TranscriptTurn> turns, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Transcripts.AddRange(turns);
        await db.SaveChangesAsync(cancellationToken);
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

    /// <summary>Deletes turns older than <paramref name="cutoffUtc"/>; returns how many went.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transcripts.Where(t => t.CreatedUtc < cutoffUtc).ExecuteDeleteAsync(cancellationToken);
    }
}
