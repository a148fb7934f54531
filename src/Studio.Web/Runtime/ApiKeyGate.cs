using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Studio.Data.Publishing;

namespace Studio.Web.Runtime;

/// <summary>
/// Guards the runtime API: a key is required (<c>Authorization: Bearer …</c> or <c>X-Api-Key</c>), must be active
/// and scoped to the bot, and is held to its own requests-per-minute by a token bucket. Keys are looked up at
/// most ten seconds old, so a revocation holds within ten seconds without a database read per request.
/// </summary>
public sealed class ApiKeyGate(ApiKeyStore keys, IMemoryCache cache) : IEndpointFilter
{
    public const string KeyNameItem = "studio.api-key";

    public const string KeyIdItem = "studio.api-key-id";

    private const string KeyItem = "studio.api-key-record";

    private static readonly TimeSpan KeyFreshness = TimeSpan.FromSeconds(10);
    // By key and its limit, so a changed limit takes a new bucket.
    private readonly ConcurrentDictionary<(long Key, int PerMinute), TokenBucketRateLimiter> _buckets = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await CheckAsync(http, http.GetRouteValue("botId") as string ?? "") is { } refusal)
        {
            return TypedResults.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title);
        }

        return await next(context);
    }

    /// <summary>
    /// Null when the request's key may call the bot now (its name and id are then in <see cref="KeyNameItem"/> and
    /// <see cref="KeyIdItem"/>); otherwise why not. With no bot, any active key within its rate will do.
    /// A request checked again (first for any key, later for its bot) takes one request of the key's rate, not two.
    /// </summary>
    public async Task<GateRefusal?> CheckAsync(HttpContext http, string? botId)
    {
        if (http.Items[KeyItem] is ApiKey passed)
        {
            return Scope(passed, botId);
        }

        var secret = Secret(http.Request);
        if (secret is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return new(StatusCodes.Status401Unauthorized, "An API key is required",
                "Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. Create keys in the studio or with 'studio keys create'.");
        }

        var key = await cache.GetOrCreateAsync(("api-key", ApiKeyStore.HashOf(secret)), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = KeyFreshness;
            return keys.FindActiveAsync(secret, http.RequestAborted);
        });
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return new(StatusCodes.Status401Unauthorized, "The API key is not valid", "The key is unknown or has been revoked.");
        }

        if (Scope(key, botId) is { } outOfScope)
        {
            return outOfScope;
        }

        var bucket = _buckets.GetOrAdd((key.Id, key.RequestsPerMinute), _ => Bucket(key.RequestsPerMinute));
        using var lease = bucket.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new(StatusCodes.Status429TooManyRequests, "Too many requests", $"Key '{key.Name}' allows {key.RequestsPerMinute} requests a minute; try again in {retryAfter} s.");
        }

        http.Items[KeyNameItem] = key.Name;
        http.Items[KeyIdItem] = key.Id;
        http.Items[KeyItem] = key;
        return null;
    }

    /// <summary>Whether the request carries a key at all, valid or not.</summary>
    public static bool HasKey(HttpRequest request) => Secret(request) is not null;

    /// <summary>The key that passed the gate in this request, if one did.</summary>
    public static ApiKey? KeyOf(HttpContext http) => http.Items[KeyItem] as ApiKey;

    private static GateRefusal? Scope(ApiKey key, string? botId) => botId is not null && !key.Allows(botId)
        ? new(StatusCodes.Status403Forbidden, "The API key may not call this bot", $"Key '{key.Name}' is scoped to: {key.Bots}.")
        : null;

    // Never more than the key allows: at 60 a minute or more, whole requests per second (rounded down); below,
    // one request every 60/rpm seconds. A burst of ten seconds' worth is allowed.
    private static TokenBucketRateLimiter Bucket(int requestsPerMinute) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, requestsPerMinute / 6),
        TokensPerPeriod = requestsPerMinute >= 60 ? requestsPerMinute / 60 : 1,
        ReplenishmentPeriod = requestsPerMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / requestsPerMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    private static string? Secret(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        return request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }

}

/// <summary>Why the gate turned a request away, as a status and words for the caller.</summary>
public sealed record GateRefusal(int Status, string Title, string Detail);
