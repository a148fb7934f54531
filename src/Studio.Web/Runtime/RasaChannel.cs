using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Studio.Application.Runtime;

namespace Studio.Web.Runtime;

/// <summary>
/// Rasa's REST channel, so clients and widgets written for Rasa talk to a Studio bot unchanged:
/// <c>POST /webhooks/rest/webhook</c> with <c>{"sender": "…", "message": "…"}</c> answers a list of messages for the
/// sender, each <c>{"recipient_id", "text"}</c>, the last with its <c>buttons</c>, images as <c>{"recipient_id", "image"}</c>.
/// The sender is the conversation. Guarded by the runtime's keys: a publishable key names its bot and alias; with a
/// secret key, <c>?bot=…&amp;alias=…</c> say which (the alias defaults to production).
/// </summary>
public static class RasaChannel
{
    public const string Path = "/webhooks/rest/webhook";

    public const string DefaultAlias = "production";

    public sealed record RasaMessage(string? Sender, string? Message);

    public sealed record RasaButton(string Title, string Payload);

    /// <summary>One message for the sender, as Rasa's REST channel sends it.</summary>
    public sealed record RasaReply(
        [property: JsonPropertyName("recipient_id")] string RecipientId,
        string? Text = null,
        IReadOnlyList<RasaButton>? Buttons = null,
        string? Image = null,
        IReadOnlyDictionary<string, object>? Custom = null);

    public static IEndpointRouteBuilder MapRasaChannel(this IEndpointRouteBuilder app)
    {
        var rasa = app.MapGroup("/webhooks/rest").WithTags("Rasa REST channel").DisableAntiforgery().AllowAnonymous().RequireCors(WebChatCors.Policy);
        rasa.MapGet("/", () => TypedResults.Ok(new { status = "ok" })).WithName("RasaChannelStatus").ExcludeFromDescription();
        rasa.MapPost("/webhook", WebhookAsync).WithName("RasaWebhook").WithMetadata(ChatEndpoint.Marker)
            .WithSummary("Rasa's REST channel: {\"sender\", \"message\"} in, [{\"recipient_id\", \"text\", \"buttons\"}] out. A publishable key names its bot and alias; "
                + "with a secret key add ?bot=…&alias=… (alias defaults to production).");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<RasaReply>>, ProblemHttpResult>> WebhookAsync(RasaMessage body, string? bot, string? alias, HttpContext http,
        ApiKeyGate gate, PublishedBots bots, RuntimeConversations conversations, IOptions<RuntimeOptions> options, CancellationToken cancellationToken)
    {
        var (key, unknown) = await gate.FindAsync(http);
        if (key is null)
        {
            return Problem(unknown!);
        }

        var botId = bot ?? (key.IsPublishable || (key.Bots != "*" && !key.Bots.Contains(',')) ? key.Bots : null);
        if (string.IsNullOrWhiteSpace(botId))
        {
            return TypedResults.Problem($"Key '{key.Name}' may call more than one bot: say which with {Path}?bot=<bot id>&alias=<alias>.",
                statusCode: StatusCodes.Status400BadRequest, title: "Which bot?");
        }

        var aliasOrVersion = alias ?? key.Alias ?? DefaultAlias;
        var sender = body.Sender?.Trim() ?? "";
        if (Studio.Core.Privacy.ConversationIds.Problem(sender) is { } badSender)
        {
            return TypedResults.Problem(badSender.Replace("conversation id", "sender", StringComparison.Ordinal), statusCode: StatusCodes.Status400BadRequest,
                title: "The sender cannot be used");
        }

        if (await gate.CheckAsync(http, botId, aliasOrVersion, sender) is { } refusal)
        {
            return Problem(refusal);
        }

        var text = body.Message?.Trim() ?? "";
        if (text.Length == 0 || text.Length > options.Value.MaxMessageLength)
        {
            return TypedResults.Problem(text.Length == 0 ? "Send {\"sender\": \"…\", \"message\": \"…\"} with a non-empty message."
                : $"The message is {text.Length:N0} characters; the limit is {options.Value.MaxMessageLength:N0}.",
                statusCode: text.Length == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status413PayloadTooLarge, title: "The message cannot be sent");
        }

        var reply = await conversations.ServeAsync(bots, botId, aliasOrVersion, sender, text, key.Id, key.Name, null, cancellationToken);
        return TypedResults.Ok(Messages(sender, reply));
    }

    /// <summary>The reply as Rasa's channel lists it: a message per reply (as written, Markdown included), buttons with the last, then images and cards.</summary>
    public static IReadOnlyList<RasaReply> Messages(string sender, MessageReply reply)
    {
        var messages = reply.Markdown.Select(text => new RasaReply(sender, text)).ToList();
        if (reply.Buttons.Count > 0)
        {
            var buttons = reply.Buttons.Select(b => new RasaButton(b.Title, b.Payload)).ToList();
            if (messages.Count == 0)
            {
                messages.Add(new RasaReply(sender, "", buttons));
            }
            else
            {
                messages[^1] = messages[^1] with { Buttons = buttons };
            }
        }

        messages.AddRange(reply.Images.Select(i => new RasaReply(sender, Image: i.Url)));
        foreach (var card in reply.Cards)
        {
            messages.Add(new RasaReply(sender, string.Join("\n\n", new[] { card.Title, card.Text }.Where(t => !string.IsNullOrWhiteSpace(t))),
                card.Buttons.Count == 0 ? null : [.. card.Buttons.Select(b => new RasaButton(b.Title, b.Payload))], card.ImageUrl));
        }

        if (reply.Links.Count > 0)
        {
            messages.Add(new RasaReply(sender, Custom: new Dictionary<string, object> { ["links"] = reply.Links }));
        }

        return messages;
    }

    private static ProblemHttpResult Problem(GateRefusal refusal) => TypedResults.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title);
}
