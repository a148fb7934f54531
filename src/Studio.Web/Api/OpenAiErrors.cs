namespace Studio.Web.Api;

/// <summary>Errors in the shape OpenAI clients expect: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal static class OpenAiErrors
{
    public static IResult Result(int status, string message, string type = "invalid_request_error", string? param = null, string? code = null) =>
        Results.Json(Body(message, type, param, code), statusCode: status);

    /// <summary>The API-key gate's refusal as OpenAI says it: a bad key, a rate limit, or a key for another bot.</summary>
    public static IResult From(Studio.Web.Runtime.GateRefusal refusal) => Result(refusal.Status, refusal.Detail,
        refusal.Status == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : "invalid_request_error",
        code: refusal.Status == StatusCodes.Status401Unauthorized ? "invalid_api_key" : null);

    public static object Body(string message, string type = "invalid_request_error", string? param = null, string? code = null) =>
        new { error = new { message, type, param, code } };
}
