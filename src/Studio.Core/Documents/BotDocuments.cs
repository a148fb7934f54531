using System.Text.Json;
using System.Text.Json.Nodes;
using Studio.Core.Bots;

namespace Studio.Core.Documents;

/// <summary>
/// Reads, validates and writes bot documents. YAML and JSON go through the same JSON tree, the same
/// schema and the same rules, so both formats accept and reject exactly the same bots.
/// </summary>
public static class BotDocuments
{
    public static BotDocumentFormat FormatOf(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".json" ? BotDocumentFormat.Json : BotDocumentFormat.Yaml;

    public static BotReadResult Read(string text, BotDocumentFormat format)
    {
        JsonNode? root;
        IReadOnlyDictionary<string, SourceLocation> locations;
        if (format == BotDocumentFormat.Yaml)
        {
            var yaml = YamlToJsonReader.Read(text);
            if (yaml.SyntaxError is { } syntax)
            {
                return new BotReadResult(null, [syntax]);
            }

            (root, locations) = (yaml.Root, yaml.Locations);
        }
        else
        {
            try
            {
                var map = JsonSourceMap.Read(text, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (map.Duplicate is { } duplicate)
                {
                    return new BotReadResult(null, [duplicate]);
                }

                locations = map.Locations;
                root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                return new BotReadResult(null, [new BotProblem($"JSON syntax error: {JsonSyntaxMessage(ex)}", "", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1)]);
            }
        }

        if (root is not JsonObject)
        {
            return new BotReadResult(null, [Locate(new BotProblem("A bot document must be a mapping of keys such as id, name and intents.", ""), locations)]);
        }

        if (UnicodeText.FindInvalid(root) is { } invalid)
        {
            // Caught here, before the schema and the store read the text and fail on it.
            return new BotReadResult(null, [Locate(new BotProblem($"The text at {invalid} is not valid Unicode: it holds a lone UTF-16 surrogate (such as \\ud800). Remove it or write the whole character.",
                JsonPointerOf(invalid)), locations)]);
        }

        var schemaProblems = BotSchema.Check(JsonSerializer.SerializeToElement(root));
        var bot = TryDeserialize(root, schemaProblems.Count == 0 ? BotJson.Options : BotJson.LenientOptions, out var typeProblem);
        var problems = new List<BotProblem>(schemaProblems);
        if (bot is not null)
        {
            // Report rule problems (duplicate names, ...) beside schema problems: every problem at once.
            problems.AddRange(BotRules.Check(bot));
        }
        else if (schemaProblems.Count == 0 && typeProblem is not null)
        {
            problems.Add(typeProblem);
        }

        return new BotReadResult(problems.Count == 0 ? bot : null, problems.Select(p => Locate(p, locations)).ToList());
    }

    // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 4."; the problem carries the position itself.
    private static string JsonSyntaxMessage(JsonException ex) => ex.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd();

    private static BotDefinition? TryDeserialize(JsonNode root, JsonSerializerOptions options, out BotProblem? problem)
    {
        problem = null;
        try
        {
            return root.Deserialize<BotDefinition>(options);
        }
        catch (JsonException ex)
        {
            // The schema passed but a value does not fit the model (say, a number beyond its range).
            var pointer = ex.Path is { } path ? "/" + path.TrimStart('$', '.').Replace('.', '/').Replace("[", "/", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal) : "";
            problem = new BotProblem($"A value does not fit: {ex.Message.Split(" Path:")[0]}", pointer == "/" ? "" : pointer);
            return null;
        }
    }

    /// <summary>Checks a bot held in memory (for example after an edit in the studio) with the same schema and rules.</summary>
    public static IReadOnlyList<BotProblem> Validate(BotDefinition bot)
    {
        var schemaProblems = BotSchema.Check(JsonSerializer.SerializeToElement(bot, BotJson.Options));
        return schemaProblems.Count > 0 ? schemaProblems : BotRules.Check(bot);
    }

    /// <summary>What a save lets through but the designer should hear about: the flows' warnings, the responses' and the examples' marks.</summary>
    public static IReadOnlyList<BotProblem> Warnings(BotDefinition bot) =>
        [.. Conversations.FlowValidator.Warnings(bot), .. ResponseLint.Warnings(bot), .. Entities.MarkedEntities.Warnings(bot)];

    public static string Write(BotDefinition bot, BotDocumentFormat format) => format == BotDocumentFormat.Json
        ? JsonSerializer.Serialize(bot, BotJson.Options) + "\n"
        : JsonToYamlWriter.Write(JsonSerializer.SerializeToNode(bot, BotJson.Options));

    /// <summary>A deep copy, so an editor can change a bot and still compare it with what was loaded.</summary>
    public static BotDefinition Clone(BotDefinition bot) =>
        JsonSerializer.Deserialize<BotDefinition>(JsonSerializer.SerializeToUtf8Bytes(bot, BotJson.CompactOptions), BotJson.CompactOptions)!;

    // "$.intents[0].name (a key)" → "/intents/0/name", the pointer problems are located by.
    private static string JsonPointerOf(string path)
    {
        var pointer = path.Split(' ')[0].TrimStart('$').Replace('.', '/').Replace("[", "/", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        return pointer == "/" ? "" : pointer;
    }

    // A problem at a path with no recorded position (say, a missing key) is shown at its nearest parent.
    private static BotProblem Locate(BotProblem problem, IReadOnlyDictionary<string, SourceLocation> locations)
    {
        if (locations.Count == 0)
        {
            return problem;
        }

        var pointer = problem.Path;
        while (true)
        {
            if (locations.TryGetValue(pointer, out var location))
            {
                return problem with { Line = location.Line, Column = location.Column };
            }

            if (pointer.Length == 0)
            {
                return problem;
            }

            pointer = pointer[..pointer.LastIndexOf('/')];
        }
    }
}
