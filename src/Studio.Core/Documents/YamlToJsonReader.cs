using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Studio.Core.Documents;

/// <summary>
/// Reads YAML into a JSON tree and remembers where in the text every value came from, so that
/// schema errors (reported as JSON Pointers) can name a line and column.
/// </summary>
public static class YamlToJsonReader
{
    public sealed record Result(JsonNode? Root, IReadOnlyDictionary<string, SourceLocation> Locations, BotProblem? SyntaxError);

    public static Result Read(string yaml)
    {
        if (CheckShape(yaml) is { } refused)
        {
            return new Result(null, new Dictionary<string, SourceLocation>(), refused);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return new Result(null, new Dictionary<string, SourceLocation>(), SyntaxError(ex));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            return new Result(null, new Dictionary<string, SourceLocation>(), new BotProblem("YAML syntax error: the text cannot be read as YAML.", "", 1, 1));
        }

        if (stream.Documents.Count == 0)
        {
            return new Result(null, new Dictionary<string, SourceLocation>(), new BotProblem("The document is empty.", "", 1, 1));
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            return new Result(null, new Dictionary<string, SourceLocation>(), new BotProblem(
                "The file holds more than one YAML document; a bot is exactly one.", "", (int)second.Line, (int)second.Column));
        }

        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        try
        {
            var root = Convert(stream.Documents[0].RootNode, "", locations);
            return new Result(root, locations, null);
        }
        catch (YamlException ex)
        {
            return new Result(null, locations, new BotProblem(ex.Message, "", (int)ex.Start.Line, (int)ex.Start.Column));
        }
    }

    public const int MaxDepth = 64;

    public const int MaxNodes = 500_000;

    /// <summary>
    /// Walks the raw parser events before any tree is built and refuses what could blow up a tree:
    /// anchors and aliases (a few lines can expand exponentially, or refer to themselves), nesting
    /// deeper than <see cref="MaxDepth"/> and more than <see cref="MaxNodes"/> nodes.
    /// </summary>
    private static BotProblem? CheckShape(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        var nodes = 0;
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                if (current is AnchorAlias || current is NodeEvent { Anchor.IsEmpty: false })
                {
                    return At(current.Start, "YAML anchors and aliases (& and *) are not allowed in bot files; write the values out.");
                }

                if (current is MappingStart or SequenceStart)
                {
                    depth++;
                    if (depth > MaxDepth)
                    {
                        return At(current.Start, $"The document is nested more than {MaxDepth} levels deep.");
                    }
                }
                else if (current is MappingEnd or SequenceEnd)
                {
                    depth--;
                }

                if (current is NodeEvent && ++nodes > MaxNodes)
                {
                    return At(current.Start, $"The document has more than {MaxNodes:N0} values.");
                }
            }
        }
        catch (YamlException ex)
        {
            return SyntaxError(ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The parser fails this way on some broken text (an unclosed bracket, an empty %TAG prefix)
            // instead of with a YamlException: the problem is just after the last event it read.
            return At(last.Line > 0 ? last : new Mark(0, 1, 1), "YAML syntax error: the text cannot be read as YAML from here on; check brackets, quotes, indentation and % directives.");
        }

        return null;
    }

    private static BotProblem SyntaxError(YamlException ex)
    {
        var message = ex.InnerException is { } inner && ex.Message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase)
            ? inner.Message
            : ex.Message;
        return new BotProblem($"YAML syntax error: {StripPosition(message)}", "", Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column));
    }

    private static BotProblem At(Mark mark, string message) => new(message, "", (int)mark.Line, (int)mark.Column);

    private static JsonNode? Convert(YamlNode node, string pointer, Dictionary<string, SourceLocation> locations)
    {
        locations[pointer] = new SourceLocation((int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new YamlException(keyNode.Start, keyNode.End, "Only plain text keys are allowed.");
                    }

                    if (obj.ContainsKey(key))
                    {
                        throw new YamlException(keyNode.Start, keyNode.End, $"The key '{key}' appears twice in the same mapping.");
                    }

                    obj[key] = Convert(valueNode, JsonPaths.Append(pointer, key), locations);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Convert(sequence.Children[i], JsonPaths.Append(pointer, i), locations));
                }

                return array;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                return scalar.Style is ScalarStyle.Plain && scalar.Tag.IsEmpty
                    ? YamlScalars.ResolvePlain(text)
                    : JsonValue.Create(text);
            default:
                throw new YamlException(node.Start, node.End, "Aliases and other YAML node kinds are not supported in bot files.");
        }
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; we report the position ourselves.
    private static string StripPosition(string message)
    {
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }
}
