using System.Text.Json;
using System.Text.Json.Nodes;

namespace Studio.Web.Api;

/// <summary>
/// A chat message's <c>content</c> as OpenAI clients send it: a string, or an array of parts. The official clients
/// send parts (<c>[{"type": "text", "text": "…"}]</c>); text parts are joined, and a part of another kind (an image,
/// audio, a file) is refused by name, since no bot or served model here can read it.
/// </summary>
internal static class MessageContent
{
    public static (string Text, IResult? Error) Read(JsonNode? content, int index)
    {
        switch (content)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return (value.GetValue<string>(), null);
            case JsonArray parts:
                var texts = new List<string>(parts.Count);
                for (var j = 0; j < parts.Count; j++)
                {
                    var param = $"messages[{index}].content[{j}]";
                    if (parts[j] is not JsonObject part || part["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
                    {
                        return ("", OpenAiErrors.Result(400, $"{param} must be an object with a string 'type', such as {{\"type\": \"text\", \"text\": \"…\"}}.", param: param));
                    }

                    var kind = type.GetValue<string>();
                    if (kind != "text")
                    {
                        return ("", OpenAiErrors.Result(400, $"{param} is a '{kind}' part; only 'text' parts are supported.", param: param, code: "unsupported_content_type"));
                    }

                    if (part["text"] is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
                    {
                        return ("", OpenAiErrors.Result(400, $"{param} is a text part without a string 'text'.", param: param + ".text"));
                    }

                    texts.Add(text.GetValue<string>());
                }

                // Parts are pieces of one message; a line break keeps the last word of one from running into the next.
                return (string.Join('\n', texts), null);
            default:
                return ("", OpenAiErrors.Result(400, $"messages[{index}].content must be a string or an array of text parts.", param: $"messages[{index}].content"));
        }
    }
}
