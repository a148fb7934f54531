using System.Text;
using System.Text.Json;

namespace Studio.Inference.Llm;

/// <summary>
/// Turns a simple JSON Schema (an object whose properties are enums, strings, numbers or booleans) into a
/// GBNF grammar, so a local model honours <c>response_format</c> as hosted models do. Anything richer falls
/// back to "any JSON object".
/// </summary>
public static class SchemaGrammar
{
    private const string Common = "ws ::= [ ]?\n"
        + "string ::= \"\\\"\" [^\"\\\\\\n]{0,80} \"\\\"\"\n"
        + "number ::= \"-\"? [0-9]{1,12} (\".\" [0-9]{1,6})?\n"
        + "boolean ::= \"true\" | \"false\"\n"
        + "value ::= string | number | boolean | \"null\"\n";

    public static string AnyObject =>
        "root ::= \"{\" ws (pair (\",\" ws pair){0,15})? ws \"}\"\npair ::= string ws \":\" ws value\n" + Common;

    public static string From(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return AnyObject;
        }

        var members = new List<string>();
        foreach (var property in properties.EnumerateObject())
        {
            members.Add($"{Literal("\"" + property.Name + "\"")} ws \":\" ws {ValueRule(property.Value)}");
        }

        return members.Count == 0 ? AnyObject : "root ::= \"{\" ws " + string.Join(" \",\" ws ", members) + " ws \"}\"\n" + Common;
    }

    private static string ValueRule(JsonElement property)
    {
        if (property.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            var literals = choices.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? Literal(JsonSerializer.Serialize(c.GetString())) : Literal(c.GetRawText()));
            return "(" + string.Join(" | ", literals) + ")";
        }

        return property.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString() switch
            {
                "string" => "string",
                "number" or "integer" => "number",
                "boolean" => "boolean",
                _ => "value",
            }
            : "value";
    }

    /// <summary>A GBNF string literal matching <paramref name="text"/> exactly.</summary>
    private static string Literal(string text)
    {
        var escaped = new StringBuilder("\"");
        foreach (var c in text)
        {
            escaped.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", _ => c.ToString() });
        }

        return escaped.Append('"').ToString();
    }
}
