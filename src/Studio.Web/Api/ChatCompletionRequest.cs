using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Studio.Web.Api;

/// <summary>
/// A <c>/v1/chat/completions</c> request read by hand from the JSON body, so every mistake becomes an
/// OpenAI-style error naming the parameter instead of a generic binding failure.
/// </summary>
internal sealed record ChatCompletionRequest(string Model, IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream)
{
    public const int MaxMessages = 1000;

    /// <summary>The request, or the error to send back.</summary>
    /// <param name="body">The body as sent: UTF-8 JSON, checked as such rather than decoded leniently.</param>
    public static (ChatCompletionRequest? Request, IResult? Error) Parse(ReadOnlySpan<byte> body, Func<string, int?> contextSizeOf)
    {
        var (root, model, readError) = OpenAiRequestBody.Read(body, "the id of a model from GET /v1/models");
        if (root is null)
        {
            return (null, readError);
        }

        if (contextSizeOf(model) is not { } contextSize)
        {
            return (null, OpenAiErrors.Result(404, $"The model '{model}' does not exist or cannot generate text. GET /v1/models lists the models.", param: "model", code: "model_not_found"));
        }

        if (root["messages"] is not JsonArray messageArray || messageArray.Count == 0 || messageArray.Count > MaxMessages)
        {
            return (null, OpenAiErrors.Result(400, $"'messages' must be a non-empty array of at most {MaxMessages} messages.", param: "messages"));
        }

        var messages = new List<ChatMessage>();
        for (var i = 0; i < messageArray.Count; i++)
        {
            if (messageArray[i] is not JsonObject message || message["role"]?.GetValueKind() != JsonValueKind.String)
            {
                return (null, OpenAiErrors.Result(400, $"messages[{i}] must have a string 'role' and a 'content'.", param: $"messages[{i}]"));
            }

            var (content, contentError) = MessageContent.Read(message["content"], i);
            if (contentError is not null)
            {
                return (null, contentError);
            }

            var role = message["role"]!.GetValue<string>();
            if (role is not ("system" or "user" or "assistant" or "developer"))
            {
                return (null, OpenAiErrors.Result(400, $"messages[{i}].role '{role}' is not one of system, developer, user, assistant.", param: $"messages[{i}].role"));
            }

            messages.Add(new ChatMessage(new ChatRole(role == "developer" ? "system" : role), content));
        }

        var options = new ChatOptions();
        var maxTokens = Number(root, "max_completion_tokens") ?? Number(root, "max_tokens");
        if (maxTokens is { } max && (max < 1 || max > contextSize || max != Math.Floor(max)))
        {
            return (null, OpenAiErrors.Result(400, $"'max_tokens' must be a whole number from 1 to {contextSize} (the model's context).", param: "max_tokens"));
        }

        options.MaxOutputTokens = (int?)maxTokens;
        if (Number(root, "temperature") is { } temperature)
        {
            if (temperature is < 0 or > 2)
            {
                return (null, OpenAiErrors.Result(400, "'temperature' must be between 0 and 2.", param: "temperature"));
            }

            options.Temperature = (float)temperature;
        }

        options.TopP = Number(root, "top_p") is { } topP ? (float)topP : null;
        options.Seed = Number(root, "seed") is { } seed ? (long)seed : null;
        options.StopSequences = root["stop"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var one) => [one],
            JsonArray many => many.Select(s => s?.ToString() ?? "").Where(s => s.Length > 0).ToList(),
            _ => null,
        };
        var format = root["response_format"] as JsonObject;
        var jsonSchema = format?["json_schema"] as JsonObject;
        var schema = jsonSchema?["schema"] as JsonObject;
        switch (format?["type"]?.ToString())
        {
            case null or "text":
                break;
            case "json_object":
                options.ResponseFormat = ChatResponseFormat.Json;
                break;
            case "json_schema" when schema is not null:
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema), jsonSchema!["name"]?.ToString());
                break;
            default:
                return (null, OpenAiErrors.Result(400, "'response_format' must be text, json_object, or json_schema with a schema.", param: "response_format"));
        }

        var stream = root["stream"] is JsonValue streamValue && streamValue.TryGetValue<bool>(out var s) && s;
        return (new ChatCompletionRequest(model, messages, options, stream), null);
    }

    private static double? Number(JsonObject root, string name) =>
        root[name] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;
}
