using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Studio.Core;
using Studio.Core.Documents;

namespace Studio.Web.Api;

/// <summary>Validates a bot document without storing it: what an editor or a CI job calls before importing.</summary>
public static class DocumentsApi
{
    public sealed record ValidationResponse(bool Valid, IReadOnlyList<BotProblem> Problems);

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/studio/validate", ValidateAsync).WithTags("Documents").WithName("ValidateBot")
            .WithSummary("Validates a YAML (default) or JSON bot document sent as the request body; ?format=json for JSON.")
            // Scripts and the CLI post files without a form token; SameOriginGuard still refuses a cookie-authenticated
            // post that carries neither a token nor the studio's exact Origin.
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Ok<ValidationResponse>> ValidateAsync(HttpRequest request, string? format, IOptions<StudioOptions> options, CancellationToken cancellationToken)
    {
        var text = await LimitedText.ReadAsync(request.Body, "request body", request.ContentLength, options.Value.MaxUploadBytes, cancellationToken);
        var result = BotDocuments.Read(text, string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) ? BotDocumentFormat.Json : BotDocumentFormat.Yaml);
        return TypedResults.Ok(new ValidationResponse(result.IsValid, result.Problems));
    }
}
