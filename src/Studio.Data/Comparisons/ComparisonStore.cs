using Microsoft.EntityFrameworkCore;

namespace Studio.Data.Comparisons;

/// <summary>Finished comparison runs and blind preference votes, per bot; both go when the bot is deleted.</summary>
public sealed class ComparisonStore(IDbContextFactory<StudioDbContext> contexts, TimeProvider clock)
{
    /// <summary>Runs kept per bot; older ones are removed when a new one is saved.</summary>
    public const int KeptRuns = 50;

    public async Task<long> SaveAsync(string botId, int botRevision, string suite, IEnumerable<string> setups, string outcomeJson, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = new ComparisonRecord
        {
            BotId = botId, BotRevision = botRevision, Suite = suite, Setups = string.Join(", ", setups), CreatedUtc = clock.GetUtcNow().UtcDateTime, Outcome = outcomeJson,
        };
        db.Comparisons.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        var stale = await db.Comparisons.Where(c => c.BotId == botId).OrderByDescending(c => c.Id).Skip(KeptRuns).Select(c => c.Id).ToListAsync(cancellationToken);
        if (stale.Count > 0)
        {
            await db.Comparisons.Where(c => stale.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return record.Id;
    }

    public async Task<IReadOnlyList<ComparisonSummary>> ListAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Comparisons.AsNoTracking().Where(c => c.BotId == botId).OrderByDescending(c => c.Id)
            .Select(c => new ComparisonSummary(c.Id, c.BotId, c.BotRevision, c.Suite, c.Setups, c.CreatedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The stored outcome JSON of one run of the bot, or null.</summary>
    public async Task<(ComparisonSummary Summary, string Outcome)?> FindAsync(string botId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Comparisons.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.BotId == botId, cancellationToken);
        return record is null ? null : (new ComparisonSummary(record.Id, record.BotId, record.BotRevision, record.Suite, record.Setups, record.CreatedUtc), record.Outcome);
    }

    public async Task VoteAsync(string botId, string winner, string loser, string message, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Votes.Add(new PreferenceVote { BotId = botId, Winner = winner, Loser = loser, Message = message, CreatedUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(string Winner, string Loser)>> VotesAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Votes.AsNoTracking().Where(v => v.BotId == botId).OrderBy(v => v.Id).Select(v => new { v.Winner, v.Loser }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Winner, r.Loser))];
    }
}
