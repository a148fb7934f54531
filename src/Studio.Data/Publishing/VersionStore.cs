using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Studio.Data.Access;
using Studio.Data.Drafts;

namespace Studio.Data.Publishing;

/// <summary>A version as lists show it, without its document and heads.</summary>
public sealed record VersionSummary(int Number, int BotRevision, string ContentHash, string Notes, string PublishedBy, DateTime PublishedUtc, string Gate);

/// <summary>What an alias points at now.</summary>
public sealed record AliasSummary(string Name, int Version, string UpdatedBy, DateTime UpdatedUtc);

/// <summary>
/// Published versions and aliases. A publish is one transaction — the version and its alias move land together
/// or not at all — so a publish that dies half-way leaves the previous version serving. Adding versions and moving
/// aliases need the publish permission.
/// </summary>
public sealed class VersionStore(IDbContextFactory<StudioDbContext> contexts, TimeProvider clock, ICurrentActor actor)
{
    /// <summary>Raised with the bot and alias after an alias has moved (or been made) in this process, so caches can let go at once.</summary>
    public event Action<string, string>? AliasMoved;

    public const int MaxRetirementReasonLength = 1000;

    /// <summary>Alias names: lower-case letters, digits and hyphens; "v" and digits are version numbers, not names.</summary>
    public static bool IsValidAliasName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !IsVersionReference(name, out _);

    /// <summary>"3" or "v3" names version 3.</summary>
    public static bool IsVersionReference(string text, out int number) =>
        int.TryParse(text.StartsWith('v') ? text[1..] : text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;

    public async Task<BotVersion> AddAsync(BotVersion version, string? alias, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Publish, cancellationToken);
        if (alias is not null && !IsValidAliasName(alias))
        {
            throw new ArgumentException($"'{alias}' is not an alias name: use lower-case letters, digits and hyphens, not a version number.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var by = version.PublishedBy;
        // Training is deterministic, so the same content hash means the same bot: reuse that version rather
        // than number a copy, and a re-publish is recognised as identical.
        var same = await db.Versions.AsNoTracking()
            .Where(v => v.BotId == version.BotId && v.ContentHash == version.ContentHash)
            .OrderBy(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        if (same is not null)
        {
            same.Republished = true;
            version = same;
        }
        else
        {
            version.Number = (await db.Versions.Where(v => v.BotId == version.BotId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
            version.PublishedUtc = clock.GetUtcNow().UtcDateTime;
            db.Versions.Add(version);
        }

        if (alias is not null)
        {
            await PointAsync(db, version.BotId, alias, version.Number, by, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (alias is not null)
        {
            AliasMoved?.Invoke(version.BotId, alias);
        }

        return version;
    }

    public async Task<IReadOnlyList<VersionSummary>> ListAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Versions.AsNoTracking().Where(v => v.BotId == botId).OrderByDescending(v => v.Number)
            .Select(v => new VersionSummary(v.Number, v.BotRevision, v.ContentHash, v.Notes, v.PublishedBy, v.PublishedUtc, v.Gate))
            .ToListAsync(cancellationToken);
    }

    public async Task<BotVersion?> FindAsync(string botId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Versions.AsNoTracking().SingleOrDefaultAsync(v => v.BotId == botId && v.Number == number, cancellationToken);
    }

    /// <summary>The version an alias or a version reference ("3", "v3") names now, or null when there is none.</summary>
    public async Task<int?> ResolveAsync(string botId, string aliasOrVersion, CancellationToken cancellationToken = default) =>
        (await ResolveVersionAsync(botId, aliasOrVersion, cancellationToken))?.Number;

    /// <summary>
    /// The version's number and row id: the id tells a version apart from one with the same number of a bot
    /// deleted and created again.
    /// </summary>
    public async Task<(int Number, long Id)?> ResolveVersionAsync(string botId, string aliasOrVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var number = IsVersionReference(aliasOrVersion, out var n)
            ? n
            : await db.Aliases.Where(a => a.BotId == botId && a.Name == aliasOrVersion).Select(a => (int?)a.VersionNumber).SingleOrDefaultAsync(cancellationToken);
        if (number is null)
        {
            return null;
        }

        var id = await db.Versions.Where(v => v.BotId == botId && v.Number == number).Select(v => (long?)v.Id).SingleOrDefaultAsync(cancellationToken);
        return id is null ? null : (number.Value, id.Value);
    }

    /// <summary>Points an alias at a version (creating the alias if new) and records the move.</summary>
    public async Task MoveAliasAsync(string botId, string alias, int number, string by, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Publish, cancellationToken);
        if (!IsValidAliasName(alias))
        {
            throw new ArgumentException($"'{alias}' is not an alias name: use lower-case letters, digits and hyphens, not a version number.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Versions.AnyAsync(v => v.BotId == botId && v.Number == number, cancellationToken))
        {
            throw new KeyNotFoundException($"Bot '{botId}' has no version {number}.");
        }

        await PointAsync(db, botId, alias, number, by, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        AliasMoved?.Invoke(botId, alias);
    }

    public async Task<IReadOnlyList<AliasSummary>> AliasesAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Aliases.AsNoTracking().Where(a => a.BotId == botId).OrderBy(a => a.Name)
            .Select(a => new AliasSummary(a.Name, a.VersionNumber, a.UpdatedBy, a.UpdatedUtc)).ToListAsync(cancellationToken);
    }

    /// <summary>Every alias of every bot, for listing what a key may call.</summary>
    public async Task<IReadOnlyList<BotAlias>> AllAliasesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Aliases.AsNoTracking().OrderBy(a => a.BotId).ThenBy(a => a.Name).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AliasMove>> MovesAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AliasMoves.AsNoTracking().Where(m => m.BotId == botId).OrderByDescending(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Takes a bot out of service in one transaction: records who retired it, when and why, removes its aliases
    /// and versions (nothing serves it any more, by alias or by number) and its transcripts. The draft stays and
    /// can be deleted or published again.
    /// </summary>
    public async Task<BotRetirement> RetireAsync(string botId, string reason, string by, CancellationToken cancellationToken = default)
    {
        // Retiring stops production: the same right as moving an alias.
        await actor.DemandAsync(Right.Publish, cancellationToken);
        reason = reason.Trim();
        if (reason.Length == 0)
        {
            throw new ArgumentException("Give a reason for retiring the bot; it is recorded with your name and the time.");
        }

        if (reason.Length > MaxRetirementReasonLength)
        {
            throw new ArgumentException($"The reason is {reason.Length:N0} characters; the limit is {MaxRetirementReasonLength:N0}.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.BotDrafts.AnyAsync(d => d.Id == botId, cancellationToken))
        {
            throw new BotNotFoundException(botId);
        }

        var aliases = await db.Aliases.Where(a => a.BotId == botId).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var numbers = await db.Versions.Where(v => v.BotId == botId).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(cancellationToken);
        var retirement = new BotRetirement
        {
            BotId = botId,
            Reason = reason,
            RetiredBy = by,
            RetiredUtc = clock.GetUtcNow().UtcDateTime,
            Versions = string.Join(", ", numbers.Select(n => $"v{n}")),
            Aliases = string.Join(", ", aliases.Select(a => $"{a.Name} \u2192 v{a.VersionNumber}")),
            TranscriptTurns = await db.Transcripts.Where(t => t.BotId == botId).ExecuteDeleteAsync(cancellationToken),
        };
        db.Retirements.Add(retirement);
        await db.SaveChangesAsync(cancellationToken);
        await Analytics.ServedTraffic.DeleteAsync(db, botId, cancellationToken);
        await db.Aliases.Where(a => a.BotId == botId).ExecuteDeleteAsync(cancellationToken);
        await db.Versions.Where(v => v.BotId == botId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var alias in aliases)
        {
            AliasMoved?.Invoke(botId, alias.Name);
        }

        return retirement;
    }

    /// <summary>The ids of bots that have at least one published version.</summary>
    public async Task<IReadOnlySet<string>> PublishedBotIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Versions.Select(v => v.BotId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The latest retirement of a bot id, or null when it was never retired.</summary>
    public async Task<BotRetirement?> LastRetirementAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Retirements.AsNoTracking().Where(r => r.BotId == botId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The row id of the bot's oldest version: it changes when the bot is retired or deleted and published again,
    /// so state kept under it (conversations) is never picked up by the next bot of the same id.
    /// </summary>
    public async Task<long?> LineageAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Versions.Where(v => v.BotId == botId).MinAsync(v => (long?)v.Id, cancellationToken);
    }

    private async Task PointAsync(StudioDbContext db, string botId, string alias, int number, string by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Aliases.SingleOrDefaultAsync(a => a.BotId == botId && a.Name == alias, cancellationToken);
        db.AliasMoves.Add(new AliasMove { BotId = botId, Alias = alias, FromVersion = existing?.VersionNumber, ToVersion = number, MovedBy = by, MovedUtc = now });
        if (existing is null)
        {
            db.Aliases.Add(new BotAlias { BotId = botId, Name = alias, VersionNumber = number, UpdatedBy = by, UpdatedUtc = now });
        }
        else
        {
            existing.VersionNumber = number;
            existing.UpdatedBy = by;
            existing.UpdatedUtc = now;
        }
    }
}
