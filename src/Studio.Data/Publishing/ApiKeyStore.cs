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
    /// <summary>Raised after keys were revoked, so every node stops accepting them now rather than when its cached copy expires.</summary>
    public event Action? KeysRevoked;

    public const string KeyPrefix = "stu_";

    public const int DefaultRequestsPerMinute = 6000;

    /// <summary>The part of a publishable key after <see cref="KeyPrefix"/>, telling it from a secret one at a glance.</summary>
    public const string PublishablePrefix = "pk_";

    public const int DefaultConversationRequestsPerMinute = 20;

    public const int MaxOrigins = 20;

    public const int MaxRequestsPerMinute = 1_000_000;

    public const int MaxConversationRequestsPerMinute = 600;

    /// <summary>Creates a key and returns it with its secret, which is not stored and cannot be shown again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string>? bots = null, int requestsPerMinute = DefaultRequestsPerMinute,
        CancellationToken cancellationToken = default)
    {
        var creator = await actor.DemandAsync(Right.Publish, cancellationToken);
        CheckName(name);

        if (requestsPerMinute is <= 0 or > MaxRequestsPerMinute)
        {
            throw new ArgumentException($"The rate limit is 1 to {MaxRequestsPerMinute:N0} requests a minute.");
        }

        var secret = NewKey(KeyPrefix, 24);
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

    /// <summary>
    /// Creates a publishable key for a web chat: it may only send messages to <paramref name="alias"/> of
    /// <paramref name="botId"/>, from pages on <paramref name="origins"/>, at most <paramref name="requestsPerMinute"/> in
    /// all and <paramref name="conversationRequestsPerMinute"/> per conversation.
    /// </summary>
    /// <exception cref="ArgumentException">A value is missing or out of range, or an origin is not an http(s) origin.</exception>
    public async Task<ApiKey> CreatePublishableAsync(string name, string botId, string alias, IReadOnlyCollection<string> origins, int requestsPerMinute = 600,
        int conversationRequestsPerMinute = DefaultConversationRequestsPerMinute, CancellationToken cancellationToken = default)
    {
        var creator = await actor.DemandAsync(Right.Publish, cancellationToken);
        CheckName(name);

        if (string.IsNullOrWhiteSpace(botId) || botId.Length > 100 || botId.Contains(','))
        {
            throw new ArgumentException("A publishable key names the one bot it talks to.");
        }

        if (!VersionStore.IsValidAliasName(alias))
        {
            throw new ArgumentException($"'{alias}' is not an alias: a publishable key talks to an alias (such as production), which you move between versions.");
        }

        if (origins.Count is 0 or > MaxOrigins)
        {
            throw new ArgumentException($"List the origins of the pages that may embed the chat (1 to {MaxOrigins}), such as https://www.example.com.");
        }

        var normal = new List<string>();
        foreach (var origin in origins.Select(o => o ?? ""))
        {
            normal.Add(WebOrigin.Normalize(origin)
                ?? throw new ArgumentException($"'{(origin.Length > 80 ? origin[..80] + "…" : origin)}' is not an origin: write the scheme, host and port only, such as https://www.example.com or http://localhost:8080."));
        }

        if (requestsPerMinute is <= 0 or > MaxRequestsPerMinute || conversationRequestsPerMinute is < 0 or > MaxConversationRequestsPerMinute)
        {
            throw new ArgumentException($"The key's rate is 1 to {MaxRequestsPerMinute:N0} requests a minute, and a conversation's 0 (no limit of its own) to {MaxConversationRequestsPerMinute}.");
        }

        var value = NewKey(KeyPrefix + PublishablePrefix, 18);
        var key = new ApiKey
        {
            Name = name.Trim(), Prefix = value[..(KeyPrefix.Length + PublishablePrefix.Length + 6)], Hash = HashOf(value), Kind = ApiKeyKind.Publishable, PublicKey = value,
            Bots = botId.Trim(), Alias = alias, AllowedOrigins = string.Join(",", normal.Distinct(StringComparer.Ordinal)), RequestsPerMinute = requestsPerMinute,
            ConversationRequestsPerMinute = conversationRequestsPerMinute, CreatedUtc = clock.GetUtcNow().UtcDateTime, OwnerId = creator.UserId,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return key;
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
        var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, now), cancellationToken) == 1;
        if (revoked)
        {
            KeysRevoked?.Invoke();
        }

        return revoked;
    }

    /// <summary>Revokes every active key the account created, as its removal does; returns how many.</summary>
    public async Task<int> RevokeOwnedByAsync(string userId, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.ApiKeys.Where(k => k.OwnerId == userId && k.RevokedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, now), cancellationToken);
        if (revoked > 0)
        {
            KeysRevoked?.Invoke();
        }

        return revoked;
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A key needs a name of 1 to 100 characters.");
        }
    }

    /// <summary>A key: the prefix, then <paramref name="randomBytes"/> random bytes in URL-safe base64.</summary>
    private static string NewKey(string prefix, int randomBytes) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(randomBytes)).Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
