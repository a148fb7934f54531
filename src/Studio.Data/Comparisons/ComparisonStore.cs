using Microsoft.EntityFrameworkCore;
using Studio.Data.Access;

namespace Studio.Data.Comparisons;

/// <summary>
/// Finished comparison runs and blind preference votes, per bot; both go when the bot is deleted. Voting is designing
/// (it steers which setup a bot gets), so it needs the edit permission.
/// </summary>
public sealed class ComparisonStore(IDbContextFactory<StudioDbContext> contexts, TimeProvider clock, ICurrentActor actor)
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

    /// <exception cref="ArgumentException">A text is empty or past its limit; nothing is stored.</exception>
    /// <param name="tie">Neither reply was better: half a win for each side.</param>
    public async Task VoteAsync(string botId, string winner, string loser, string message, bool tie = false, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        EnsureWithin("winner", winner, PreferenceVote.MaxSetupLength, required: true);
        EnsureWithin("loser", loser, PreferenceVote.MaxSetupLength, required: true);
        EnsureWithin("message", message, PreferenceVote.MaxMessageLength, required: false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Votes.Add(new PreferenceVote { BotId = botId, Winner = winner, Loser = loser, Message = message, Tie = tie, CreatedUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Studio.Core.Comparison.PairVote>> VotesAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Votes.AsNoTracking().Where(v => v.BotId == botId).OrderBy(v => v.Id).Select(v => new { v.Winner, v.Loser, v.Tie }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new Studio.Core.Comparison.PairVote(r.Winner, r.Loser, r.Tie))];
    }

    private static void EnsureWithin(string field, string? text, int limit, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"A vote needs a {field}.");
        }

        if (text is { Length: var length } && length > limit)
        {
            throw new ArgumentException($"The vote's {field} is {length:N0} characters; the limit is {limit:N0}.");
        }
    }
}
