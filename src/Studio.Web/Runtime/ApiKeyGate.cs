using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Studio.Data.Publishing;

namespace Studio.Web.Runtime;

/// <summary>
/// Guards the runtime API: a key is required (<c>Authorization: Bearer …</c> or <c>X-Api-Key</c>), must be active
/// and scoped to the bot, and is held to its own requests-per-minute by a token bucket. Keys are looked up at
/// most ten seconds old without a database read per request, and dropped at once when a key is revoked (on any node, with Redis).
/// A publishable key (a web chat's) also must come from a page on one of its origins, name its alias, only send
/// messages (<see cref="ChatEndpoint"/>), and keep within a budget per conversation.
/// </summary>
public sealed class ApiKeyGate(ApiKeyStore keys, IMemoryCache cache, RateBudgets budgets, Studio.Application.ScaleOut.ChangeNotices notices,
    Microsoft.Extensions.Options.IOptions<Accounts.OriginOptions> origins) : IEndpointFilter, IDisposable
{
    public const string KeyNameItem = "studio.api-key";

    public const string KeyIdItem = "studio.api-key-id";

    private const string KeyItem = "studio.api-key-record";

    private static readonly TimeSpan KeyFreshness = TimeSpan.FromSeconds(10);

    // Ends every cached key when a notice says keys were revoked (on this node or another), so a revocation holds at once.
    private readonly Studio.Application.ScaleOut.CacheResets _resets = new(notices, Studio.Application.ScaleOut.ChangeKind.Keys);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var chat = http.GetEndpoint()?.Metadata.GetMetadata<ChatEndpoint>() is not null;
        if (await CheckAsync(http, http.GetRouteValue("botId") as string ?? "", chat ? http.GetRouteValue("aliasOrVersion") as string ?? "" : null,
            chat ? http.GetRouteValue("conversationId") as string : null) is { } refusal)
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
    /// <param name="chatAlias">
    /// For a request that sends a message to a conversation (or opens a web chat), the alias or version it names;
    /// null for every other request, which a publishable key may not make.
    /// </param>
    /// <param name="conversationId">The conversation the message is for, held to a publishable key's budget per conversation.</param>
    public async Task<GateRefusal?> CheckAsync(HttpContext http, string? botId, string? chatAlias = null, string? conversationId = null)
    {
        if (http.Items[KeyItem] is ApiKey passed)
        {
            return Scope(passed, botId) ?? Publishable(http, passed, chatAlias);
        }

        var (key, unknown) = await FindAsync(http);
        if (key is null)
        {
            return unknown;
        }

        if ((Scope(key, botId) ?? Publishable(http, key, chatAlias)) is { } outOfScope)
        {
            return outOfScope;
        }

        // The id is checked before it names a budget, so a refused id never holds memory.
        if (conversationId is not null && Studio.Core.Privacy.ConversationIds.Problem(conversationId) is { } badId)
        {
            return new(StatusCodes.Status400BadRequest, "The conversation id cannot be used", badId);
        }

        using var lease = await budgets.TakeAsync(key.Id, key.RequestsPerMinute, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            return TooMany(http, lease, $"Key '{key.Name}' allows {key.RequestsPerMinute} requests a minute");
        }

        if (key is { IsPublishable: true, ConversationRequestsPerMinute: > 0 } && conversationId is not null)
        {
            using var turn = await budgets.TakeForConversationAsync(key.Id, key.ConversationRequestsPerMinute, conversationId, http.RequestAborted);
            if (!turn.IsAcquired)
            {
                return TooMany(http, turn, $"One conversation may send {key.ConversationRequestsPerMinute} messages a minute with key '{key.Name}'");
            }
        }

        http.Items[KeyNameItem] = key.Name;
        http.Items[KeyIdItem] = key.Id;
        http.Items[KeyItem] = key;
        return null;
    }

    /// <summary>The request's active key, before any check of what it may do, or why there is none.</summary>
    public async Task<(ApiKey? Key, GateRefusal? Refusal)> FindAsync(HttpContext http)
    {
        if (http.Items[KeyItem] is ApiKey passed)
        {
            return (passed, null);
        }

        var secret = Secret(http.Request);
        if (secret is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return (null, new(StatusCodes.Status401Unauthorized, "An API key is required",
                "Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. Create keys in the studio or with 'studio keys create'."));
        }

        var key = await cache.GetOrCreateAsync(("api-key", ApiKeyStore.HashOf(secret)), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = KeyFreshness;
            entry.AddExpirationToken(_resets.Token);
            return keys.FindActiveAsync(secret, http.RequestAborted);
        });
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return (null, new(StatusCodes.Status401Unauthorized, "The API key is not valid", "The key is unknown or has been revoked."));
        }

        return (key, null);
    }

    /// <summary>Whether the request carries a key at all, valid or not.</summary>
    public static bool HasKey(HttpRequest request) => Secret(request) is not null;

    /// <summary>The key that passed the gate in this request, if one did.</summary>
    public static ApiKey? KeyOf(HttpContext http) => http.Items[KeyItem] as ApiKey;

    private static GateRefusal? Scope(ApiKey key, string? botId) => botId is not null && !key.Allows(botId)
        ? new(StatusCodes.Status403Forbidden, "The API key may not call this bot", $"Key '{key.Name}' is scoped to: {key.Bots}.")
        : null;

    /// <summary>
    /// Why a publishable key may not make this request: not a message, another alias, or a page on an origin it does not
    /// list. A secret key is refused on a page of another site: it would be in the page for anyone to copy.
    /// </summary>
    private GateRefusal? Publishable(HttpContext http, ApiKey key, string? chatAlias)
    {
        if (!key.IsPublishable)
        {
            var from = http.Request.Headers.Origin.ToString();
            return from.Length > 0 && !origins.Value.OwnOrigins(http.Request).Contains(WebOrigin.Normalize(from))
                ? new(StatusCodes.Status403Forbidden, "A secret key may not be used from a web page",
                    $"Key '{key.Name}' is a secret key, for servers; a page on another site uses a publishable key (Publish, Web chat), which lists the sites it may be used on.")
                : null;
        }

        if (chatAlias is null)
        {
            return new(StatusCodes.Status403Forbidden, "A publishable key only sends messages",
                $"Key '{key.Name}' is a web chat's key: it sends messages to a conversation, and cannot read transcripts, parse messages or call /v1. Use a secret key on your server for those.");
        }

        if (!key.AllowsAlias(chatAlias))
        {
            return new(StatusCodes.Status403Forbidden, "The key may not talk to this alias", $"Key '{key.Name}' talks to alias '{key.Alias}' only.");
        }

        var origin = PageOrigin(http.Request);
        if (!key.AllowsOrigin(origin))
        {
            var shown = origin.Length == 0 ? "a request with no Origin" : $"a page on {(origin.Length > 80 ? origin[..80] + "…" : origin)}";
            return new(StatusCodes.Status403Forbidden, "This site may not use the chat",
                $"Key '{key.Name}' is not allowed on {shown}; add the site's origin to the key's allowed origins in the studio (Publish, Web chat).");
        }

        return null;
    }

    /// <summary>
    /// The origin of the page making the request. Browsers leave <c>Origin</c> out of a same-origin GET, and say
    /// <c>Sec-Fetch-Site: same-origin</c> instead: the page is then on the studio's own origin.
    /// </summary>
    private string PageOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin
        : request.Headers["Sec-Fetch-Site"].ToString() == "same-origin" ? origins.Value.OwnOrigins(request).FirstOrDefault() ?? ""
        : "";

    private static GateRefusal TooMany(HttpContext http, RateLimitLease lease, string limit)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new(StatusCodes.Status429TooManyRequests, "Too many requests", $"{limit}; try again in {retryAfter} s.");
    }

    public void Dispose() => _resets.Dispose();

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

/// <summary>Marks an endpoint that sends a message to a conversation or opens a web chat: the only kind a publishable key may call.</summary>
public sealed class ChatEndpoint
{
    public static readonly ChatEndpoint Marker = new();
}

/// <summary>Why the gate turned a request away, as a status and words for the caller.</summary>
public sealed record GateRefusal(int Status, string Title, string Detail);
