namespace Studio.Web.Api;

/// <summary>Errors in the shape OpenAI clients expect: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal static class OpenAiErrors
{
    public static IResult Result(int status, string message, string type = "invalid_request_error", string? param = null, string? code = null) =>
        Results.Json(Body(message, type, param, code), statusCode: status);

    public static object Body(string message, string type = "invalid_request_error", string? param = null, string? code = null) =>
        new { error = new { message, type, param, code } };
}
