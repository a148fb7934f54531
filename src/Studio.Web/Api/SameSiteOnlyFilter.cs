namespace Studio.Web.Api;

/// <summary>
/// Refuses state-changing calls that a browser marks as coming from another site. Without it any web page
/// a designer visits could post a form (a "simple" request, sent without a CORS preflight) to the import
/// endpoint. Scripts and tools such as curl send no <c>Sec-Fetch-Site</c> header and are let through (they
/// still need a session). The session cookie is SameSite=Lax as well; this is the second line.
/// </summary>
internal sealed class SameSiteOnlyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && request.Headers["Sec-Fetch-Site"].ToString() is "cross-site")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused",
                detail: "The studio API does not accept changes sent by pages of other sites.");
        }

        return await next(context);
    }
}
