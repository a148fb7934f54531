using Microsoft.AspNetCore.Http.HttpResults;
using Studio.Core.Templates;

namespace Studio.Web.Api;

public static class TemplatesApi
{
    public sealed record TemplateResponse(string Id, string Name, string? Description, int IntentCount, int ExampleCount);

    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/studio/templates", List).WithTags("Templates").WithName("ListTemplates").WithSummary("Lists the starter bots.");
        return app;
    }

    private static Ok<TemplateResponse[]> List(TemplateCatalog catalog) =>
        TypedResults.Ok(catalog.List().Select(t => new TemplateResponse(t.Id, t.Name, t.Description, t.IntentCount, t.ExampleCount)).ToArray());
}
