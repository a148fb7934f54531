using Microsoft.AspNetCore.Http.HttpResults;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Web.Accounts;
using Studio.Application.Publishing;

namespace Studio.Web.Api;

/// <summary>Publishing from the studio: versions, their diffs, aliases, API keys and the transcripts of served conversations.</summary>
public static class PublishingApi
{
    public sealed record PublishBody(string? Alias = null, string? Notes = null, string? OverrideReason = null);

    public sealed record AliasBody(int Version);

    public sealed record SplitArm(int Version, int Percent);

    /// <summary>Two versions of the bot and the share of new conversations each serves, adding up to 100.</summary>
    public sealed record SplitBody(IReadOnlyList<SplitArm> Arms);

    /// <param name="Kind">secret (the default, for servers) or publishable (for a web page: one bot and alias, from listed origins, messages only).</param>
    /// <param name="RequestsPerMinute">The key's budget; a publishable key's defaults to 600.</param>
    public sealed record KeyBody(string Name, IReadOnlyList<string>? Bots = null, int? RequestsPerMinute = null, ApiKeyKind Kind = ApiKeyKind.Secret, string? Alias = null,
        IReadOnlyList<string>? Origins = null, int ConversationRequestsPerMinute = ApiKeyStore.DefaultConversationRequestsPerMinute);

    public sealed record CreatedKey(long Id, string Name, string Key, string Bots, int RequestsPerMinute, ApiKeyKind Kind = ApiKeyKind.Secret, string? Alias = null,
        IReadOnlyList<string>? Origins = null);

    /// <param name="PublicKey">A publishable key in full (it is public: it sits in the page's tag); never a secret key.</param>
    public sealed record KeySummary(long Id, string Name, string Prefix, string Bots, int RequestsPerMinute, DateTime CreatedUtc, DateTime? RevokedUtc,
        ApiKeyKind Kind = ApiKeyKind.Secret, string? Alias = null, IReadOnlyList<string>? Origins = null, int ConversationRequestsPerMinute = 0, string? PublicKey = null);

    public sealed record VersionDetail(VersionSummary Summary, IReadOnlyList<ModelFileRecord> Models, PublishGate? Gate, string Document);

    /// <summary>Who is recorded as publisher or alias mover: the signed-in user.</summary>
    public static string By(HttpContext http) => http.User.Identity?.Name ?? "unknown";

    public static IEndpointRouteBuilder MapPublishingApi(this IEndpointRouteBuilder app)
    {
        var bots = app.MapGroup("/api/studio/bots/{botId}").WithTags("Publishing");
        bots.MapPost("/publish", PublishAsync).WithName("PublishBot").RequireAuthorization(StudioRoles.CanPublish)
            .WithSummary("Gate (valid, trains, conversation tests pass or an override reason), then an immutable version; optionally points an alias at it.");
        bots.MapGet("/versions", (string botId, VersionStore versions, CancellationToken ct) => versions.ListAsync(botId, ct)).WithName("ListVersions");
        bots.MapGet("/versions/{number:int}", GetVersionAsync).WithName("GetVersion");
        bots.MapGet("/versions/{from:int}/diff/{to:int}", DiffAsync).WithName("DiffVersions").WithSummary("The documents' differences line by line, and the models that changed.");
        bots.MapGet("/aliases", (string botId, VersionStore versions, CancellationToken ct) => versions.AliasesAsync(botId, ct)).WithName("ListAliases");
        bots.MapGet("/aliases/history", (string botId, VersionStore versions, CancellationToken ct) => versions.MovesAsync(botId, ct)).WithName("AliasHistory");
        bots.MapPut("/aliases/{alias}", MoveAliasAsync).WithName("MoveAlias").RequireAuthorization(StudioRoles.CanPublish).WithSummary("Points an alias at a version: a release or a rollback, served at once.");
        bots.MapPut("/aliases/{alias}/split", SplitAsync).WithName("SplitAlias").RequireAuthorization(StudioRoles.CanPublish)
            .WithSummary("Splits an alias's new conversations between two versions by percent (sticky per conversation); recorded in the alias history. "
                + "Point the alias at one version (PUT /aliases/{alias}) to promote it and end the split.");
        bots.MapGet("/transcripts", (string botId, TranscriptStore transcripts, CancellationToken ct) => transcripts.ConversationsAsync(botId, cancellationToken: ct))
            .WithName("ListTranscripts");
        bots.MapGet("/transcripts/{conversationId}", (string botId, string conversationId, TranscriptStore transcripts, CancellationToken ct) =>
            transcripts.TurnsAsync(botId, conversationId, ct)).WithName("GetTranscript");
        bots.MapDelete("/transcripts/{conversationId}", (string botId, string conversationId, Studio.Application.Privacy.ConversationForgetting forgetting, CancellationToken ct) =>
            forgetting.ForgetAsync(botId, conversationId, ct)).WithName("ForgetConversation").RequireAuthorization(StudioRoles.CanPublish)
            .WithSummary("Forgets a served conversation: its stored turns, the teaching messages copied from them and its live state.");

        var keys = app.MapGroup("/api/studio/keys").WithTags("Publishing").RequireAuthorization(StudioRoles.CanPublish);
        keys.MapGet("", ListKeysAsync).WithName("ListApiKeys");
        keys.MapPost("", CreateKeyAsync).WithName("CreateApiKey").WithSummary("Creates a runtime API key; the key is in this response only.");
        keys.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (long id, ApiKeyStore store, CancellationToken ct) =>
            await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).WithName("RevokeApiKey");
        return app;
    }

    /// <summary>201 with a new version; 200 with the earlier version when nothing changed (same content hash).</summary>
    private static async Task<Results<Created<VersionSummary>, Ok<VersionSummary>>> PublishAsync(string botId, PublishBody body, Publisher publisher, HttpContext http, CancellationToken cancellationToken)
    {
        var version = await publisher.PublishAsync(botId, new PublishRequest(body.Alias, body.Notes, body.OverrideReason), By(http), cancellationToken: cancellationToken);
        var summary = new VersionSummary(version.Number, version.BotRevision, version.ContentHash, version.Notes, version.PublishedBy, version.PublishedUtc, version.Gate);
        return version.Republished
            ? TypedResults.Ok(summary)
            : TypedResults.Created($"/api/studio/bots/{botId}/versions/{version.Number}", summary);
    }

    private static async Task<Results<Ok<VersionDetail>, NotFound>> GetVersionAsync(string botId, int number, VersionStore versions, CancellationToken cancellationToken) =>
        await versions.FindAsync(botId, number, cancellationToken) is { } v
            ? TypedResults.Ok(new VersionDetail(new VersionSummary(v.Number, v.BotRevision, v.ContentHash, v.Notes, v.PublishedBy, v.PublishedUtc, v.Gate),
                Publisher.ReadModelFiles(v), Publisher.ReadGate(v.Gate), v.Document))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<VersionDiff>, NotFound>> DiffAsync(string botId, int from, int to, VersionStore versions, CancellationToken cancellationToken) =>
        await versions.FindAsync(botId, from, cancellationToken) is { } a && await versions.FindAsync(botId, to, cancellationToken) is { } b
            ? TypedResults.Ok(VersionDiff.Between(a, b))
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound<string>>> MoveAliasAsync(string botId, string alias, AliasBody body, VersionStore versions,
        HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            await versions.MoveAliasAsync(botId, alias, body.Version, By(http), cancellationToken);
        }
        catch (KeyNotFoundException missing)
        {
            return TypedResults.NotFound(missing.Message);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound<string>>> SplitAsync(string botId, string alias, SplitBody body, VersionStore versions, HttpContext http,
        CancellationToken cancellationToken)
    {
        try
        {
            // Counted and checked before anything is made of them: an arm may be missing from hostile JSON.
            if (body.Arms is not { Count: 2 } arms || arms.Any(a => a is null))
            {
                throw new ArgumentException("A split has two arms, each a version and a percent: {\"arms\": [{\"version\": 1, \"percent\": 90}, {\"version\": 2, \"percent\": 10}]}.");
            }

            await versions.SplitAsync(botId, alias, [.. arms.Select(a => (a.Version, a.Percent))], By(http), cancellationToken);
        }
        catch (KeyNotFoundException missing)
        {
            return TypedResults.NotFound(missing.Message);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IReadOnlyList<KeySummary>> ListKeysAsync(ApiKeyStore store, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(cancellationToken)).Select(k => new KeySummary(k.Id, k.Name, k.Prefix, k.Bots, k.RequestsPerMinute, k.CreatedUtc, k.RevokedUtc,
            k.Kind, k.Alias, k.IsPublishable ? k.Origins : null, k.ConversationRequestsPerMinute, k.PublicKey))];

    private static async Task<Created<CreatedKey>> CreateKeyAsync(KeyBody body, ApiKeyStore store, BotDraftStore drafts, CancellationToken cancellationToken)
    {
        foreach (var bot in body.Bots ?? [])
        {
            await drafts.GetAsync(bot, cancellationToken); // 404 for a bot that does not exist
        }

        if (body.Kind == ApiKeyKind.Publishable)
        {
            if (body.Bots is not { Count: 1 } one)
            {
                throw new ArgumentException("A publishable key names exactly one bot: \"bots\": [\"<bot id>\"].");
            }

            var web = await store.CreatePublishableAsync(body.Name, one[0], body.Alias ?? "production", body.Origins ?? [], body.RequestsPerMinute ?? 600,
                body.ConversationRequestsPerMinute, cancellationToken);
            return TypedResults.Created($"/api/studio/keys/{web.Id}", new CreatedKey(web.Id, web.Name, web.PublicKey!, web.Bots, web.RequestsPerMinute, web.Kind, web.Alias, web.Origins));
        }

        var (key, secret) = await store.CreateAsync(body.Name, body.Bots, body.RequestsPerMinute ?? ApiKeyStore.DefaultRequestsPerMinute, cancellationToken);
        return TypedResults.Created($"/api/studio/keys/{key.Id}", new CreatedKey(key.Id, key.Name, secret, key.Bots, key.RequestsPerMinute));
    }
}
