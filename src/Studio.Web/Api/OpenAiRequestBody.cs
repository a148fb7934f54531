using System.Text.Json;
using System.Text.Json.Nodes;

namespace Studio.Web.Api;

/// <summary>The part every <c>/v1</c> request shares: a JSON object in valid Unicode, with a <c>model</c>.</summary>
internal static class OpenAiRequestBody
{
    /// <summary>The body's object and its model, or the OpenAI-style error naming what is wrong.</summary>
    /// <param name="body">The body as sent: UTF-8 JSON, checked as such rather than decoded leniently.</param>
    /// <param name="modelHint">What to say when the model is missing: which models the endpoint takes.</param>
    public static (JsonObject? Root, string Model, IResult? Error) Read(ReadOnlySpan<byte> body, string modelHint)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return (null, "", OpenAiErrors.Result(400, $"We could not parse the JSON body of your request: {ex.Message}"));
        }

        if (Studio.Core.Documents.UnicodeText.FindInvalid(root) is { } invalid)
        {
            return (null, "", OpenAiErrors.Result(400, $"The text at {invalid} is not valid Unicode: it holds a lone UTF-16 surrogate such as \\ud800.", param: invalid.TrimStart('$', '.')));
        }

        if (root["model"] is not JsonValue modelValue || !modelValue.TryGetValue<string>(out var model) || string.IsNullOrWhiteSpace(model))
        {
            return (null, "", OpenAiErrors.Result(400, $"'model' is required: {modelHint}.", param: "model"));
        }

        return (root, model, null);
    }
}
