using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Studio.Data.Access;

namespace Studio.Data.Publishing;

/// <summary>
/// Runtime API keys: created with a random secret shown once, stored as SHA-256, scoped to bots, revocable, owned by
/// the account that made them. Creating and revoking need the publish permission.
/// </summary>
public sealed class ApiKeyStore(IDbContextFactory<StudioDbContext> contexts, TimeProvider clock, ICurrentActor actor)
{
    public const string KeyPrefix = "stu_";

    public const int DefaultRequestsPerMinute = 6000;

    /// <summary>Creates a key and returns it with its secret, which is not stored and cannot be shown again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string>? bots = null, int requestsPerMinute = DefaultRequestsPerMinute,
        CancellationToken cancellationToken = default)
    {
        var creator = await actor.DemandAsync(Right.Publish, cancellationToken);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A key needs a name of 1 to 100 characters.");
        }

        if (requestsPerMinute <= 0)
        {
            throw new ArgumentException("The rate limit must be at least one request per minute.");
        }

        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var key = new ApiKey
        {
            Name = name.Trim(), Prefix = secret[..(KeyPrefix.Length + 6)], Hash = HashOf(secret),
            Bots = bots is null || bots.Count == 0 ? "*" : string.Join(",", bots), RequestsPerMinute = requestsPerMinute, CreatedUtc = clock.GetUtcNow().UtcDateTime,
            OwnerId = creator.UserId,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The active key with this secret, or null; a key whose owner's account is gone is not active.</summary>
    public async Task<ApiKey?> FindActiveAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = HashOf(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking()
            .SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedUtc == null && (k.OwnerId == null || db.Users.Any(u => u.Id == k.OwnerId)), cancellationToken);
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Publish, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiKeys.Where(k => k.Id == id && k.RevokedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, now), cancellationToken) == 1;
    }

    /// <summary>Revokes every active key the account created, as its removal does; returns how many.</summary>
    public async Task<int> RevokeOwnedByAsync(string userId, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiKeys.Where(k => k.OwnerId == userId && k.RevokedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, now), cancellationToken);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
