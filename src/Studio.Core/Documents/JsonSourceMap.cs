using System.Text;
using System.Text.Json;

namespace Studio.Core.Documents;

/// <summary>
/// Walks JSON text once and records where every value starts, so schema problems in a JSON file name a
/// line and column as they do in YAML. It also refuses a key given twice in one object: JSON parsers
/// disagree on which one wins, so a designer must choose.
/// </summary>
internal static class JsonSourceMap
{
    private sealed class Container(string pointer, bool isArray)
    {
        public string Pointer { get; } = pointer;

        public bool IsArray { get; } = isArray;

        public int Index { get; set; }

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public string? PendingKey { get; set; }
    }

    /// <summary>The position of every value by JSON Pointer, or the duplicate key that stops the document; throws <see cref="JsonException"/> on a syntax error.</summary>
    public static (IReadOnlyDictionary<string, SourceLocation> Locations, BotProblem? Duplicate) Read(string json, JsonReaderOptions options)
    {
        var bytes = Encoding.UTF8.GetBytes(json.StartsWith('\uFEFF') ? json[1..] : json);
        var lines = new LineIndex(bytes);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var stack = new Stack<Container>();
        var reader = new Utf8JsonReader(bytes, options);
        while (reader.Read())
        {
            var at = lines.At(checked((int)reader.TokenStartIndex));
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var parent = stack.Peek();
                if (!parent.Keys.Add(key))
                {
                    return (locations, new BotProblem($"The key '{key}' appears twice in the same object.", JsonPaths.Append(parent.Pointer, key), at.Line, at.Column));
                }

                parent.PendingKey = key;
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            var pointer = stack.TryPeek(out var container) ? Child(container) : "";
            locations[pointer] = at;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Push(new Container(pointer, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return (locations, null);
    }

    private static string Child(Container container)
    {
        if (container.IsArray)
        {
            return JsonPaths.Append(container.Pointer, container.Index++);
        }

        var key = container.PendingKey!;
        container.PendingKey = null;
        return JsonPaths.Append(container.Pointer, key);
    }

    /// <summary>Turns byte offsets into 1-based lines and columns counted in characters.</summary>
    private sealed class LineIndex(byte[] bytes)
    {
        private int _offset;
        private int _line = 1;
        private int _column = 1;

        // Tokens arrive in order, so each call only scans the bytes since the previous one.
        public SourceLocation At(int offset)
        {
            for (; _offset < offset && _offset < bytes.Length; _offset++)
            {
                if (bytes[_offset] == (byte)'\n')
                {
                    (_line, _column) = (_line + 1, 1);
                }
                else if ((bytes[_offset] & 0xC0) != 0x80)
                {
                    _column++; // count a character at its first byte only
                }
            }

            return new SourceLocation(_line, _column);
        }
    }
}
