namespace Studio.Web.Runtime;

/// <summary>
/// Lets pages on other origins call the runtime (the web chat, Rasa clients). Browsers ask before sending a key, and
/// the question carries no key, so it is answered yes for any origin; the answer never allows cookies, so no page
/// acts as a signed-in user. Which origins may really use a key is checked on every call, by <see cref="ApiKeyGate"/>,
/// against the key's own list.
/// </summary>
public static class WebChatCors
{
    public const string Policy = "web-chat";

    public static IServiceCollection AddWebChatCors(this IServiceCollection services) => services.AddCors(cors => cors.AddPolicy(Policy, policy => policy
        .SetIsOriginAllowed(_ => true)
        .WithMethods("GET", "POST")
        .WithHeaders("content-type", "x-api-key", "authorization", "accept")
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
}
