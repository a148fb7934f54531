using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Studio.Data.Access;
using Studio.Data.Drafts;

namespace Studio.Data.Publishing;

/// <summary>A version as lists show it, without its document and heads.</summary>
public sealed record VersionSummary(int Number, int BotRevision, string ContentHash, string Notes, string PublishedBy, DateTime PublishedUtc, string Gate);

/// <summary>What an alias points at now.</summary>
public sealed record AliasSummary(string Name, int Version, string UpdatedBy, DateTime UpdatedUtc, int? SplitVersion = null, int SplitPercent = 0)
{
    /// <summary>How the alias serves, as people read it: <c>v3</c>, or <c>v3 70 % / v4 30 %</c>.</summary>
    public string Serves => SplitVersion is { } second ? $"v{Version} {100 - SplitPercent} % / v{second} {SplitPercent} %" : $"v{Version}";
}

/// <summary>What an alias serves now: one version, or two with the share of conversations the second gets.</summary>
public sealed record AliasTarget((int Number, long Id) Version, (int Number, long Id)? Split, int SplitPercent);

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

    /// <summary>What an alias or version reference serves now, split or not; null when it names nothing.</summary>
    public async Task<AliasTarget?> ResolveTargetAsync(string botId, string aliasOrVersion, CancellationToken cancellationToken = default)
    {
        if (IsVersionReference(aliasOrVersion, out _))
        {
            return await ResolveVersionAsync(botId, aliasOrVersion, cancellationToken) is { } exact ? new AliasTarget(exact, null, 0) : null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alias = await db.Aliases.AsNoTracking().SingleOrDefaultAsync(a => a.BotId == botId && a.Name == aliasOrVersion, cancellationToken);
        if (alias is null)
        {
            return null;
        }

        var numbers = alias.SplitVersion is { } second ? new[] { alias.VersionNumber, second } : [alias.VersionNumber];
        var ids = await db.Versions.Where(v => v.BotId == botId && numbers.Contains(v.Number)).ToDictionaryAsync(v => v.Number, v => v.Id, cancellationToken);
        if (!ids.TryGetValue(alias.VersionNumber, out var first))
        {
            return null;
        }

        return new AliasTarget((alias.VersionNumber, first), alias.SplitVersion is { } split && ids.TryGetValue(split, out var splitId) ? (split, splitId) : null, alias.SplitPercent);
    }

    /// <summary>
    /// Splits an alias's new conversations between two versions of this bot, by percent (each 1 to 99, adding up to
    /// 100), and records it. A conversation stays on its arm while the split stands.
    /// </summary>
    /// <exception cref="ArgumentException">The arms are not two, not distinct, do not add up to 100, or name a version this bot does not have.</exception>
    public async Task SplitAsync(string botId, string alias, IReadOnlyList<(int Version, int Percent)> arms, string by, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Publish, cancellationToken);
        if (arms.Count != 2 || arms[0].Version == arms[1].Version)
        {
            throw new ArgumentException("A split has two arms, each a different version.");
        }

        if (arms.Any(a => a.Percent is < 1 or > 99) || arms.Sum(a => a.Percent) != 100)
        {
            throw new ArgumentException($"The arms' shares must add up to 100 %, each between 1 and 99; these are {string.Join(" + ", arms.Select(a => $"{a.Percent} %"))} = {arms.Sum(a => a.Percent)} %.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var (version, _) in arms)
        {
            if (!await db.Versions.AnyAsync(v => v.BotId == botId && v.Number == version, cancellationToken))
            {
                throw new ArgumentException($"Bot '{botId}' has no version {version}; a split's arms are versions of the bot the alias belongs to.");
            }
        }

        var existing = await db.Aliases.SingleOrDefaultAsync(a => a.BotId == botId && a.Name == alias, cancellationToken)
            ?? throw new KeyNotFoundException($"Bot '{botId}' has no alias '{alias}'; point it at a version first, then split it.");
        var now = clock.GetUtcNow().UtcDateTime;
        var note = $"split: v{arms[0].Version} {arms[0].Percent} % / v{arms[1].Version} {arms[1].Percent} %";
        db.AliasMoves.Add(new AliasMove { BotId = botId, Alias = alias, FromVersion = existing.VersionNumber, ToVersion = arms[0].Version, Note = note, MovedBy = by, MovedUtc = now });
        (existing.VersionNumber, existing.SplitVersion, existing.SplitPercent, existing.UpdatedBy, existing.UpdatedUtc) = (arms[0].Version, arms[1].Version, arms[1].Percent, by, now);
        await db.SaveChangesAsync(cancellationToken);
        AliasMoved?.Invoke(botId, alias);
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
            .Select(a => new AliasSummary(a.Name, a.VersionNumber, a.UpdatedBy, a.UpdatedUtc, a.SplitVersion, a.SplitPercent)).ToListAsync(cancellationToken);
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
        // Pointing a split alias at one version ends the split; at one of its arms, it promotes that arm.
        var note = existing?.SplitVersion is { } split
            ? number == split || number == existing.VersionNumber
                ? $"promoted v{number} from the split v{existing.VersionNumber} {100 - existing.SplitPercent} % / v{split} {existing.SplitPercent} %"
                : $"ended the split v{existing.VersionNumber} / v{split}"
            : null;
        db.AliasMoves.Add(new AliasMove { BotId = botId, Alias = alias, FromVersion = existing?.VersionNumber, ToVersion = number, Note = note, MovedBy = by, MovedUtc = now });
        if (existing is null)
        {
            db.Aliases.Add(new BotAlias { BotId = botId, Name = alias, VersionNumber = number, UpdatedBy = by, UpdatedUtc = now });
        }
        else
        {
            existing.VersionNumber = number;
            (existing.SplitVersion, existing.SplitPercent) = (null, 0);
            existing.UpdatedBy = by;
            existing.UpdatedUtc = now;
        }
    }
}
