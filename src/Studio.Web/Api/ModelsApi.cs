using Microsoft.AspNetCore.Http.HttpResults;
using Studio.Application.Models;
using Studio.Data.Models;
using Studio.Inference.Models;

namespace Studio.Web.Api;

/// <summary>The model ladder's profiles: every rung with its status, and the studio's own profiles added, edited, removed and tested by admins.</summary>
public static class ModelsApi
{
    /// <summary>
    /// A profile as the studio shows it. A hosted key is never in it: <paramref name="HasStoredKey"/> says one is stored,
    /// <paramref name="ApiKeyVariable"/> names the environment variable that holds one. <paramref name="Revision"/>: for
    /// the studio's own profiles, the revision an edit or removal names.
    /// </summary>
    public sealed record ModelProfileView(string Id, string DisplayName, string Kind, string Source, bool Editable, bool Available, string? Reason, bool Loaded,
        long? Parameters, long? FileBytes, int ContextSize, int? Threads, string? ChatTemplate, string? Path, string? Endpoint, string? Model, string? ApiKeyVariable,
        bool HasStoredKey, decimal PricePerMillionInputTokens, decimal PricePerMillionOutputTokens, int? Revision);

    /// <summary>
    /// A profile as an admin writes it. <paramref name="ApiKey"/>: a new key to store encrypted (left out, the stored one
    /// stays; <paramref name="ClearApiKey"/> removes it). <paramref name="Revision"/>: for an edit, the revision it started from.
    /// </summary>
    public sealed record ModelProfileRequest(string Id, string Kind, string? DisplayName = null, string? Path = null, string? Endpoint = null, string? Model = null,
        string? ApiKeyVariable = null, string? ApiKey = null, bool ClearApiKey = false, int ContextSize = 2048, int? Threads = null, string? ChatTemplate = null,
        long? Parameters = null, decimal PricePerMillionInputTokens = 0, decimal PricePerMillionOutputTokens = 0, int? Revision = null)
    {
        public override string ToString() => $"ModelProfileRequest {{ Id = {Id}, Kind = {Kind} }}"; // never the key

        public ModelProfileInput ToInput(string? id = null, int? revision = null) => new(id ?? Id, Kind, DisplayName, Path, Endpoint, Model, ApiKeyVariable, ApiKey,
            ClearApiKey, ContextSize, Threads, ChatTemplate, Parameters, PricePerMillionInputTokens, PricePerMillionOutputTokens, revision ?? Revision);
    }

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/studio/models").WithTags("Models");
        models.MapGet("/", ListAsync).WithName("ListModelProfiles").WithSummary("Every rung of the ladder with its status; the studio's own profiles with their revisions.");
        models.MapPost("/", CreateAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanAdminister).WithName("AddModelProfile")
            .WithSummary("Adds a local GGUF or hosted OpenAI-compatible profile (admins). A profile that cannot run yet is saved and listed as unavailable with the reason.");
        models.MapPut("/{id}", UpdateAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanAdminister).WithName("EditModelProfile")
            .WithSummary("Replaces a studio profile at the revision it was read; 409 when it changed since.");
        models.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanAdminister).WithName("RemoveModelProfile")
            .WithSummary("Removes a studio profile at the given revision.");
        models.MapPost("/{id}/test", TestAsync).RequireAuthorization(Studio.Web.Accounts.StudioRoles.CanAdminister).WithName("TestModelProfile")
            .WithSummary("Runs a one-token generation: the latency, or the exact reason the model could not answer.");
        return app;
    }

    /// <param name="admin">Whether the caller administers: only admins see where a model lives (paths, addresses, variables, templates).</param>
    public static IReadOnlyList<ModelProfileView> Views(ModelRegistry registry, IReadOnlyList<StoredModelProfile> stored, bool admin) =>
        [.. registry.Profiles.Select(p => View(registry, p, stored.FirstOrDefault(s => s.Id == p.Id && p.Source == ModelSource.Studio)))
            .Select(v => admin ? v : v with { Path = null, Endpoint = null, ApiKeyVariable = null, ChatTemplate = null })];

    private static bool IsAdmin(HttpContext http) => http.User.IsInRole(Studio.Web.Accounts.StudioRoles.Admin);

    // The profile just saved, or a conflict when another admin removed it in the meantime.
    private static ModelProfileView Saved(IReadOnlyList<ModelProfileView> views, string id) =>
        views.FirstOrDefault(v => v.Id == id) ?? throw new ModelProfileConflictException($"The model '{id}' was removed by someone else just after it was saved.");

    private static ModelProfileView View(ModelRegistry registry, ModelProfile profile, StoredModelProfile? stored)
    {
        var status = registry.Status(profile);
        return new ModelProfileView(profile.Id, profile.DisplayName, profile.Kind.ToString().ToLowerInvariant(), profile.Source.ToString().ToLowerInvariant(),
            profile.Source == ModelSource.Studio, status.Available, status.Reason, status.Loaded, status.Parameters, profile.FileBytes, profile.ContextSize, profile.Threads,
            profile.ChatTemplate, profile.Path, profile.Kind == ModelKind.OpenAi ? profile.Endpoint : null, profile.Kind == ModelKind.OpenAi ? profile.Model : null,
            profile.ApiKeyVariable, profile.HasStoredKey, profile.PricePerMillionInputTokens, profile.PricePerMillionOutputTokens, stored?.Revision);
    }

    private static async Task<Ok<IReadOnlyList<ModelProfileView>>> ListAsync(HttpContext http, ModelRegistry registry, ModelProfiles profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(Views(registry, await profiles.StoredAsync(cancellationToken), IsAdmin(http)));

    private static async Task<Created<ModelProfileView>> CreateAsync(HttpContext http, ModelProfileRequest request, ModelRegistry registry, ModelProfiles profiles, CancellationToken cancellationToken)
    {
        var saved = await profiles.SaveAsync(request.ToInput() with { Revision = null }, cancellationToken);
        return TypedResults.Created($"/api/studio/models/{Uri.EscapeDataString(saved.Id)}", Saved(Views(registry, await profiles.StoredAsync(cancellationToken), IsAdmin(http)), saved.Id));
    }

    private static async Task<Results<Ok<ModelProfileView>, ValidationProblem>> UpdateAsync(HttpContext http, string id, ModelProfileRequest request, ModelRegistry registry, ModelProfiles profiles,
        CancellationToken cancellationToken)
    {
        if (request.Revision is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$.revision"] = ["An edit names the revision it started from (GET /api/studio/models lists it)."] });
        }

        var saved = await profiles.SaveAsync(request.ToInput(id), cancellationToken);
        return TypedResults.Ok(Saved(Views(registry, await profiles.StoredAsync(cancellationToken), IsAdmin(http)), saved.Id));
    }

    private static async Task<NoContent> DeleteAsync(string id, int revision, ModelProfiles profiles, CancellationToken cancellationToken)
    {
        await profiles.DeleteAsync(id, revision, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ModelTestResult>> TestAsync(string id, ModelProfiles profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.TestAsync(id, cancellationToken));
}
