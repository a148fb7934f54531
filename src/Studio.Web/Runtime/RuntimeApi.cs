using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Studio.Web.Runtime;

/// <summary>
/// The runtime API applications call: a conversation endpoint and a parse endpoint per bot and alias (or
/// version), guarded by API keys. Errors are RFC 7807 problem details.
/// </summary>
public static class RuntimeApi
{
    public const string Prefix = "/api/bots";

    public static IEndpointRouteBuilder MapRuntimeApi(this IEndpointRouteBuilder app)
    {
        // One gate for every runtime endpoint, so a key's rate limit is one budget across them.
        var bot = app.MapGroup(Prefix + "/{botId}/{aliasOrVersion}").WithTags("Runtime").DisableAntiforgery().AllowAnonymous() // API keys, not accounts
            .RequireCors(WebChatCors.Policy)
            .AddEndpointFilterFactory((factory, next) =>
            {
                var gate = factory.ApplicationServices.GetRequiredService<ApiKeyGate>();
                return invocation => gate.InvokeAsync(invocation, next);
            });
        bot.MapPost("/conversations/{conversationId}/messages", MessageAsync).WithName("SendMessage").WithMetadata(ChatEndpoint.Marker)
            .WithSummary("Sends a user message to a conversation: replies, intent with confidence and ranking, entities, sentiment, slots, the nodes reached and timings. "
                + "With 'Accept: text/event-stream' the answer comes as server-sent events: 'text' events with each piece of a generated reply as it is written, then one 'reply' event with the whole answer.");
        bot.MapGet("/widget", WidgetAsync).WithName("WebChatSettings").WithMetadata(ChatEndpoint.Marker)
            .WithSummary("What a web chat needs before the first message: the bot's name, the version served and the message limit. A publishable key may call it.");
        bot.MapPost("/parse", ParseAsync).WithName("ParseMessage").WithSummary("Understands one message (intent, ranking, entities, sentiment) without a conversation.");
        return app;
    }

    /// <summary>Refuses runtime bodies over the limit before they are read, whether or not they say their length.</summary>
    public static IApplicationBuilder UseRuntimeBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(Prefix) || http.Request.Path.StartsWithSegments("/webhooks"))
        {
            var limit = http.RequestServices.GetRequiredService<IOptions<RuntimeOptions>>().Value.MaxRequestBytes;
            if (http.Request.ContentLength > limit)
            {
                await TypedResults.Problem($"The body is {http.Request.ContentLength:N0} bytes; the limit is {limit:N0}.", statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "The request is too large").ExecuteAsync(http);
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
        }

        await next(http);
    });

    private static async Task<Results<Ok<MessageReply>, Ok<WebChatReply>, ProblemHttpResult, EmptyHttpResult>> MessageAsync(string botId, string aliasOrVersion, string conversationId, RuntimeMessage message,
        HttpContext http, PublishedBots bots, RuntimeConversations conversations, IOptions<RuntimeOptions> options, CancellationToken cancellationToken)
    {
        if (Refuse(message, options.Value) is { } refused)
        {
            return refused;
        }

        // The conversation id was checked by the gate (ApiKeyGate), before it named a budget.
        var keyId = http.Items[ApiKeyGate.KeyIdItem] as long? ?? 0;
        var keyName = http.Items[ApiKeyGate.KeyNameItem] as string ?? "";
        Task<MessageReply> Answer(Action<string>? onText) =>
            conversations.ServeAsync(bots, botId, aliasOrVersion, conversationId, message.Text.Trim(), keyId, keyName, onText, cancellationToken);
        // A web page's key is public: it gets what to show, not the bot's workings.
        var page = ApiKeyGate.KeyOf(http)?.IsPublishable == true;
        if (!StreamedReply.IsWanted(http.Request))
        {
            return page ? TypedResults.Ok(WebChatReply.From(await Answer(null))) : TypedResults.Ok(await Answer(null));
        }

        if (page)
        {
            await StreamedReply.WriteAsync(http, async onText => WebChatReply.From(await Answer(onText)), cancellationToken);
        }
        else
        {
            await StreamedReply.WriteAsync(http, Answer, cancellationToken);
        }

        return TypedResults.Empty;
    }

    private static async Task<Ok<WebChatSettings>> WidgetAsync(string botId, string aliasOrVersion, PublishedBots bots, IOptions<RuntimeOptions> options,
        CancellationToken cancellationToken)
    {
        var served = await bots.GetAsync(botId, aliasOrVersion, cancellationToken);
        return TypedResults.Ok(new WebChatSettings(served.Bot.Id, string.IsNullOrWhiteSpace(served.Bot.Name) ? served.Bot.Id : served.Bot.Name, served.Number,
            options.Value.MaxMessageLength, served.Pipeline.Setup.Generation is not null));
    }

    private static async Task<Results<Ok<ParseReply>, ProblemHttpResult>> ParseAsync(string botId, string aliasOrVersion, RuntimeMessage message, PublishedBots bots,
        RuntimeConversations conversations, IOptions<RuntimeOptions> options, CancellationToken cancellationToken)
    {
        if (Refuse(message, options.Value) is { } refused)
        {
            return refused;
        }

        var served = await bots.GetAsync(botId, aliasOrVersion, cancellationToken);
        return TypedResults.Ok(await RuntimeConversations.ParseAsync(served, message.Text.Trim(), cancellationToken));
    }

    private static ProblemHttpResult? Refuse(RuntimeMessage? message, RuntimeOptions options)
    {
        var text = message?.Text?.Trim() ?? "";
        return text.Length switch
        {
            0 => TypedResults.Problem("Send {\"text\": \"…\"} with a non-empty message.", statusCode: StatusCodes.Status400BadRequest, title: "The message is empty"),
            var n when n > options.MaxMessageLength => TypedResults.Problem($"The message is {n:N0} characters; the limit is {options.MaxMessageLength:N0}.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "The message is too long"),
            _ => null,
        };
    }
}
