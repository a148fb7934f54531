using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Studio.Data.Access;

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
        version.Number = (await db.Versions.Where(v => v.BotId == version.BotId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        version.PublishedUtc = clock.GetUtcNow().UtcDateTime;
        db.Versions.Add(version);
        if (alias is not null)
        {
            await PointAsync(db, version.BotId, alias, version.Number, version.PublishedBy, cancellationToken);
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

    public async Task<IReadOnlyList<AliasMove>> MovesAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AliasMoves.AsNoTracking().Where(m => m.BotId == botId).OrderByDescending(m => m.Id).ToListAsync(cancellationToken);
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
