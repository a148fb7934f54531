using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Studio.Core;
using Studio.Core.Documents;
using Studio.Core.Templates;
using Studio.Data.Drafts;
using Studio.Data.Publishing;

namespace Studio.Web.Api;

/// <summary>Studio-side management of bot drafts: list, create, read, save, delete, import and export.</summary>
public static class BotsApi
{
    public static IEndpointRouteBuilder MapBotsApi(this IEndpointRouteBuilder app)
    {
        var bots = app.MapGroup("/api/studio/bots").WithTags("Bots");
        bots.MapGet("/", ListAsync).WithName("ListBots").WithSummary("Lists every bot draft.");
        bots.MapPost("/", CreateAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("CreateBot").WithSummary("Creates a bot, empty or from a starter template.");
        bots.MapGet("/{botId}", GetAsync).WithName("GetBot").WithSummary("Reads a draft and its revision.");
        bots.MapPut("/{botId}", SaveAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("SaveBot").WithSummary("Saves a draft; refused with 409 when the revision is stale.");
        bots.MapDelete("/{botId}", DeleteAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("DeleteBot").WithSummary("Deletes a draft at the given revision.");
        bots.MapPost("/{botId}/retire", RetireAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanPublish).WithName("RetireBot")
            .WithSummary("Takes a published bot out of service with a reason: records who and when, removes its aliases, versions, transcripts and conversations.");
        bots.MapPost("/import", ImportAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanEdit).WithName("ImportBot").WithSummary("Imports a YAML or JSON bot file (multipart field 'file').")
            // Scripts and the CLI post files without a form token; SameOriginGuard still refuses a cookie-authenticated
            // post that carries neither a token nor the studio's exact Origin.
            .DisableAntiforgery();
        bots.MapGet("/{botId}/export", ExportAsync).WithName("ExportBot").WithSummary("Downloads the draft as YAML (default) or JSON.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<BotSummary>>> ListAsync(BotDraftStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Created<BotDraftResponse>, ValidationProblem>> CreateAsync(CreateBotRequest request, BotDraftStore store, TemplateCatalog templates, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$.id"] = ["Give the bot an id: lowercase letters, digits and hyphens, such as my-bank."] });
        }

        var bot = NewBots.Create(request.Id, request.Name, request.TemplateId, request.Language, templates);
        var stored = await store.CreateAsync(bot, cancellationToken);
        return TypedResults.Created($"/api/studio/bots/{stored.Bot.Id}", ToResponse(stored));
    }

    private static async Task<Ok<BotDraftResponse>> GetAsync(string botId, BotDraftStore store, HttpContext http, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(botId, cancellationToken);
        http.Response.Headers.ETag = $"\"{stored.Revision}\"";
        return TypedResults.Ok(ToResponse(stored));
    }

    private static async Task<Results<Ok<BotDraftResponse>, ValidationProblem>> SaveAsync(string botId, SaveBotRequest request, BotDraftStore store, CancellationToken cancellationToken)
    {
        if (request.Bot.Id != botId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["$.id"] = [$"The bot in the body has id '{request.Bot.Id}' but the address names '{botId}'; a bot's id cannot be changed by saving."],
            });
        }

        return TypedResults.Ok(ToResponse(await store.SaveAsync(request.Bot, request.Revision, cancellationToken)));
    }

    private static async Task<NoContent> DeleteAsync(string botId, int revision, BotDraftStore store, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(botId, revision, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BotRetirement>> RetireAsync(string botId, RetireBotRequest request, VersionStore versions, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await versions.RetireAsync(botId, request.Reason ?? "", PublishingApi.By(http), cancellationToken));

    private static async Task<Results<Created<BotDraftResponse>, BadRequest<string>>> ImportAsync(
        IFormFile? file, bool? replace, BotImporter importer, IOptions<StudioOptions> options, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return TypedResults.BadRequest("Send the bot file as multipart form data in a field named 'file'.");
        }

        await using var stream = file.OpenReadStream();
        var text = await LimitedText.ReadAsync(stream, file.FileName, file.Length, options.Value.MaxUploadBytes, cancellationToken);
        var stored = await importer.ImportAsync(text, BotDocuments.FormatOf(file.FileName), replace ?? false, cancellationToken);
        return TypedResults.Created($"/api/studio/bots/{stored.Bot.Id}", ToResponse(stored));
    }

    private static async Task<FileContentHttpResult> ExportAsync(string botId, string? format, BotDraftStore store, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(botId, cancellationToken);
        var export = BotExport.Create(stored.Bot, format);
        return TypedResults.File(export.Content, export.ContentType, export.FileName);
    }

    private static BotDraftResponse ToResponse(StoredBot stored) =>
        new(stored.Revision, stored.UpdatedUtc, stored.Bot, [.. BotDocuments.Warnings(stored.Bot).Select(w => w.ToString())]);
}
