using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Studio.Core.Documents;

/// <summary>
/// Words a failed schema keyword in designer language, from the keyword's value in the schema and
/// the value found in the document; the validator's own messages quote JSON and schema internals.
/// </summary>
internal static class SchemaMessages
{
    public static string Explain(string keyword, string message, string pointer, JsonNode? limit, JsonElement document)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToArray();
        var found = Find(document, segments);
        var key = segments.Length > 0 ? segments[^1] : "";
        var field = Owner(document, segments) + FieldName(segments);
        return keyword switch
        {
            "additionalProperties" or "unevaluatedProperties" or "false" => $"{Owner(document, segments)}'{key}' is not a key of a bot document here (check its spelling).",
            "pattern" when pointer == "/id" => "A bot id uses lowercase letters and digits, with single hyphens between words (for example my-bank).",
            "pattern" when key is "name" or "id" => $"{field}: a name must not be empty and may use letters, digits, underscores, dots and hyphens (no spaces).",
            "pattern" when key is "url" or "imageUrl" =>
                $"{field} must be an absolute {(limit?.ToString().Contains("[Ss]?", StringComparison.Ordinal) == true ? "http or https" : "https")} address such as https://example.com/page (found {Shown(found)}).",
            "pattern" => $"{field} must not be empty or only spaces.",
            "minLength" when Number(limit) is null or "1" or "0" => $"{field} must not be empty or only spaces.",
            "minLength" => $"{field} is too short: at least {Number(limit)} characters.",
            "maxLength" => $"{field} is too long: at most {Number(limit)} characters (found {Length(found)}).",
            "required" => $"{Owner(document, segments)}{Describe(segments)}missing required key(s): " + string.Join(", ", Quoted(message)) + ".",
            "enum" => $"{field} must be one of: {string.Join(", ", (limit as JsonArray ?? []).Select(Plain))} (found {Shown(found)}).",
            "const" => $"{field} must be {Plain(limit)} (found {Shown(found)}).",
            "type" => $"{field} must be {TypeName(limit)} (found {KindOf(found)}).",
            "minimum" or "exclusiveMinimum" => $"{field} must be at least {Number(limit)} (found {Shown(found)}).",
            "maximum" or "exclusiveMaximum" => $"{field} must be at most {Number(limit)} (found {Shown(found)}).",
            "minItems" => $"{field} needs at least {Number(limit)} item(s).",
            "maxItems" => $"{field} may have at most {Number(limit)} items (found {Count(found)}).",
            "minProperties" => $"{field} must not be empty.",
            "uniqueItems" => $"{field} lists the same value more than once.",
            _ when message.Contains("false schema", StringComparison.Ordinal) => $"{Owner(document, segments)}'{key}' is not a key of a bot document here (check its spelling).",
            _ => $"{field} does not have an allowed form here.",
        };
    }

    private static IEnumerable<string> Quoted(string message) =>
        message.Replace("\\u0022", "\"", StringComparison.Ordinal).Split('"').Where((_, i) => i % 2 == 1).Distinct();

    // "Entity 1 ('size'): " — designers find an item by its name faster than by its index.
    private static string Owner(JsonElement document, string[] segments)
    {
        if (segments.Length < 2 || !int.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return "";
        }

        var kind = segments[0] switch
        {
            var plural when plural.EndsWith("ies", StringComparison.Ordinal) => plural[..^3] + "y",
            var plural when plural.EndsWith('s') => plural[..^1],
            var other => other,
        };
        var label = char.ToUpperInvariant(kind[0]) + kind[1..] + " " + (index + 1).ToString(CultureInfo.InvariantCulture);
        if (Find(document, segments[..2]) is { ValueKind: JsonValueKind.Object } item
            && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            label += $" ('{name.GetString()}')";
        }

        return label + ": ";
    }

    private static string Describe(string[] segments) => segments.Length is 0 or 2 ? "" : FieldName(segments) + " ";

    private static string FieldName(string[] segments)
    {
        if (segments.Length == 0)
        {
            return "The document";
        }

        if (segments.Length == 2 && int.TryParse(segments[1], out _))
        {
            return "this item";
        }

        var last = segments[^1];
        return int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && segments.Length > 1
            ? $"{segments[^2]} item {i + 1}"
            : last;
    }

    private static JsonElement? Find(JsonElement document, string[] segments)
    {
        var current = document;
        foreach (var segment in segments)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static string Plain(JsonNode? node) => node switch
    {
        null => "nothing",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    private static string? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var n) ? n.ToString(CultureInfo.InvariantCulture) : null;

    private static string Shown(JsonElement? found) => found switch
    {
        { ValueKind: JsonValueKind.String } s => $"'{Shorten(s.GetString() ?? "")}'",
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => KindOf(found),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Length(JsonElement? found) =>
        found is { ValueKind: JsonValueKind.String } s ? (s.GetString() ?? "").Length.ToString(CultureInfo.InvariantCulture) + " characters" : KindOf(found);

    private static string Count(JsonElement? found) =>
        found is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength().ToString(CultureInfo.InvariantCulture) : KindOf(found);

    private static string TypeName(JsonNode? node) => node switch
    {
        JsonArray types => string.Join(" or ", types.Select(t => TypeName(t))),
        _ => Plain(node) switch
        {
            "string" => "text",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => "a list",
            "object" => "a mapping of keys",
            "null" => "empty",
            var other => other,
        },
    };

    private static string KindOf(JsonElement? found) => found?.ValueKind switch
    {
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a mapping of keys",
        JsonValueKind.Null => "an empty value",
        _ => "nothing",
    };
}
