using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Data.Access;

namespace Studio.Data.Drafts;

/// <summary>
/// Drafts of bots. Every write validates the whole bot first and is one statement, so a refused or
/// failed save stores nothing; every update names the revision it started from, so two designers
/// cannot overwrite each other silently. Every write needs the edit permission, whoever calls: page, API or CLI.
/// </summary>
public sealed class BotDraftStore(IDbContextFactory<StudioDbContext> contexts, TimeProvider clock, ICurrentActor actor, IEnumerable<IBotCheck>? checks = null)
{
    public async Task<IReadOnlyList<BotSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.BotDrafts.AsNoTracking()
            .Select(d => new BotSummary(d.Id, d.Name, d.Revision, d.IntentCount, d.ExampleCount, d.UpdatedUtc))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task<StoredBot?> FindAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var draft = await db.BotDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == botId, cancellationToken);
        return draft is null ? null : new StoredBot(Deserialize(draft.Document), draft.Revision, draft.UpdatedUtc);
    }

    public async Task<StoredBot> GetAsync(string botId, CancellationToken cancellationToken = default) =>
        await FindAsync(botId, cancellationToken) ?? throw new BotNotFoundException(botId);

    /// <summary>Stores a new bot at revision 1.</summary>
    public async Task<StoredBot> CreateAsync(BotDefinition bot, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        EnsureValid(bot);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.BotDrafts.AnyAsync(d => d.Id == bot.Id, cancellationToken))
        {
            throw new BotAlreadyExistsException(bot.Id);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var draft = new BotDraft { Id = bot.Id, Revision = 1, CreatedUtc = now };
        Fill(draft, bot, now);
        db.BotDrafts.Add(draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Lost a race with another create of the same id: say so rather than show a constraint error.
            if (await ExistsAsync(bot.Id, cancellationToken))
            {
                throw new BotAlreadyExistsException(bot.Id);
            }

            throw new InvalidOperationException($"The bot '{bot.Id}' could not be stored: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return new StoredBot(bot, draft.Revision, now);
    }

    /// <summary>Saves an edited bot that was loaded at <paramref name="expectedRevision"/>.</summary>
    /// <exception cref="StaleRevisionException">Someone saved the bot after it was loaded.</exception>
    public async Task<StoredBot> SaveAsync(BotDefinition bot, int expectedRevision, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        EnsureValid(bot);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var draft = await db.BotDrafts.SingleOrDefaultAsync(d => d.Id == bot.Id, cancellationToken)
            ?? throw new BotNotFoundException(bot.Id);
        if (draft.Revision != expectedRevision)
        {
            throw new StaleRevisionException(bot.Id, expectedRevision, draft.Revision);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Fill(draft, bot, now);
        draft.Revision = expectedRevision + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another save landed between our read and our write; the token check refused ours.
            var current = await FindAsync(bot.Id, cancellationToken);
            throw new StaleRevisionException(bot.Id, expectedRevision, current?.Revision ?? 0);
        }

        return new StoredBot(bot, draft.Revision, now);
    }

    /// <summary>Creates the bot, or replaces the stored draft whatever its revision (an explicit "replace" on import).</summary>
    public async Task<StoredBot> CreateOrReplaceAsync(BotDefinition bot, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        // "Replace" means whatever is stored now; if a save lands between our read and our write, read again.
        for (var attempt = 1; ; attempt++)
        {
            var existing = await FindAsync(bot.Id, cancellationToken);
            try
            {
                return existing is null
                    ? await CreateAsync(bot, cancellationToken)
                    : await SaveAsync(bot, existing.Revision, cancellationToken);
            }
            catch (Exception ex) when (attempt < 3 && ex is StaleRevisionException or BotAlreadyExistsException or BotNotFoundException)
            {
            }
        }
    }

    /// <summary>Deletes a draft that has nothing published, and any transcripts left under its id.</summary>
    /// <exception cref="BotPublishedException">The bot has published versions: retire it first.</exception>
    public async Task DeleteAsync(string botId, int expectedRevision, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Edit, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureNothingPublishedAsync(db, botId, cancellationToken);
        var deleted = await db.BotDrafts.Where(d => d.Id == botId && d.Revision == expectedRevision).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            var current = await FindAsync(botId, cancellationToken) ?? throw new BotNotFoundException(botId);
            throw new StaleRevisionException(botId, expectedRevision, current.Revision);
        }

        // Transcripts are keyed by the bot's text id: a bot created later with the same id must not read them.
        await db.Transcripts.Where(t => t.BotId == botId).ExecuteDeleteAsync(cancellationToken);
        await Analytics.ServedTraffic.DeleteAsync(db, botId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task EnsureNothingPublishedAsync(StudioDbContext db, string botId, CancellationToken cancellationToken)
    {
        var versions = await db.Versions.CountAsync(v => v.BotId == botId, cancellationToken);
        if (versions > 0)
        {
            var aliases = await db.Aliases.Where(a => a.BotId == botId).OrderBy(a => a.Name).ToListAsync(cancellationToken);
            throw new BotPublishedException(botId, [.. aliases.Select(a => $"{a.Name} \u2192 v{a.VersionNumber}")], versions);
        }
    }

    private async Task<bool> ExistsAsync(string botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.BotDrafts.AnyAsync(d => d.Id == botId, cancellationToken);
    }

    private void EnsureValid(BotDefinition bot)
    {
        var problems = BotDocuments.Validate(bot);
        if (problems.Count == 0)
        {
            problems = [.. (checks ?? []).SelectMany(c => c.Check(bot))];
        }

        if (problems.Count > 0)
        {
            throw new BotValidationException(problems);
        }
    }

    private static void Fill(BotDraft draft, BotDefinition bot, DateTime now)
    {
        draft.Name = bot.Name;
        draft.Document = JsonSerializer.Serialize(bot, BotJson.CompactOptions);
        draft.IntentCount = bot.Intents.Count;
        draft.ExampleCount = bot.Intents.Sum(i => i.Examples.Count);
        draft.UpdatedUtc = now;
    }

    private static BotDefinition Deserialize(string document) =>
        JsonSerializer.Deserialize<BotDefinition>(document, BotJson.CompactOptions)
        ?? throw new InvalidOperationException("A stored draft is empty.");
}
