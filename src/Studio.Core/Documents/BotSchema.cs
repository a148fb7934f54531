using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Studio.Core.Documents;

/// <summary>
/// The published JSON Schema of a bot document (the same file the app serves at
/// <c>/schemas/bot.schema.json</c>), embedded so the CLI validates without the web app.
/// </summary>
public static class BotSchema
{
    public const string ResourceName = "Studio.Core.bot.schema.json";

    private static readonly Lazy<string> SchemaText = new(() =>
    {
        using var stream = typeof(BotSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(SchemaText.Value));

    // The raw schema, to read a failed keyword's own value (allowed values, limits) for the message.
    private static readonly Lazy<JsonNode?> SchemaNode = new(() => JsonNode.Parse(SchemaText.Value));

    public static string Text => SchemaText.Value;

    /// <summary>Every schema violation in the document, each at the JSON Pointer it concerns.</summary>
    public static IReadOnlyList<BotProblem> Check(JsonElement document)
    {
        var results = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var problems = new List<BotProblem>();
        var seen = new HashSet<(string, string)>();
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            // Failures inside an "if" only decide which "then" applies; they are not mistakes.
            var evaluationPath = detail.EvaluationPath.ToString();
            if (detail.IsValid || detail.Errors is not { Count: > 0 } errors
                || evaluationPath.Contains("/if/", StringComparison.Ordinal) || evaluationPath.EndsWith("/if", StringComparison.Ordinal))
            {
                continue;
            }

            var pointer = detail.InstanceLocation.ToString();
            var schema = SchemaAt(detail.SchemaLocation);
            foreach (var (keyword, message) in errors)
            {
                // "if/then" and "$ref" wrappers repeat what the inner keyword already said.
                if (keyword is "$ref" or "allOf" or "if" or "then" or "else")
                {
                    continue;
                }

                var explained = SchemaMessages.Explain(keyword, message, pointer, (schema as JsonObject)?[keyword], document);
                if (seen.Add((pointer, explained)))
                {
                    problems.Add(new BotProblem(explained, pointer));
                }
            }
        }

        return problems;
    }

    private static JsonNode? SchemaAt(Uri location)
    {
        var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
        var node = SchemaNode.Value;
        foreach (var raw in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }
}
