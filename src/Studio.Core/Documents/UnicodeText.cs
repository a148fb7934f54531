using System.Text.Json.Nodes;

namespace Studio.Core.Documents;

/// <summary>
/// Finds text that is not valid Unicode: a lone UTF-16 surrogate, which JSON can carry as an escape such as
/// <c>"\ud800"</c> and which fails later, when the text is read, encoded or hashed. Inputs are checked where
/// they enter, so such text is a clear refusal rather than an error deep inside.
/// </summary>
public static class UnicodeText
{
    /// <summary>Index of the first surrogate without its partner, or -1 when the text is well formed.</summary>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The JSON path (<c>$.messages[0].content</c>) of the first key or string that is not valid Unicode, or null.
    /// A parsed document keeps its strings escaped until they are read, so every one is read here.
    /// </summary>
    public static string? FindInvalid(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject obj:
                var properties = Properties(obj, path, out var badKey);
                foreach (var (name, child) in properties)
                {
                    if (FindInvalid(child, path + "." + name) is { } found)
                    {
                        return found;
                    }
                }

                return badKey;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindInvalid(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                try
                {
                    return IndexOfLoneSurrogate(value.GetValue<string>()) >= 0 ? path : null;
                }
                catch (InvalidOperationException)
                {
                    return path; // the parser's own verdict on an escaped lone surrogate
                }

            default:
                return null;
        }
    }

    // Keys are text too; one that cannot be read ends the walk of its object.
    private static List<KeyValuePair<string, JsonNode?>> Properties(JsonObject obj, string path, out string? badKey)
    {
        var properties = new List<KeyValuePair<string, JsonNode?>>();
        badKey = null;
        try
        {
            foreach (var property in obj)
            {
                if (IndexOfLoneSurrogate(property.Key) >= 0)
                {
                    badKey = path + " (a key)";
                    break;
                }

                properties.Add(property);
            }
        }
        catch (InvalidOperationException)
        {
            badKey = path + " (a key)";
        }

        return properties;
    }
}
