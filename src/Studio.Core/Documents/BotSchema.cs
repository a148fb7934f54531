using System.Text.Json;
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
            if (detail.IsValid || detail.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var pointer = detail.InstanceLocation.ToString();
            foreach (var (keyword, message) in errors)
            {
                // "if/then" and "$ref" wrappers repeat what the inner keyword already said.
                var explained = Explain(keyword, message, pointer);
                if (keyword is "$ref" or "allOf" or "if" or "then" || !seen.Add((pointer, explained)))
                {
                    continue;
                }

                problems.Add(new BotProblem(explained, pointer));
            }
        }

        return problems;
    }

    // The validator's words are precise but terse; say what a designer should change where it helps.
    private static string Explain(string keyword, string message, string pointer)
    {
        var key = pointer[(pointer.LastIndexOf('/') + 1)..];
        return keyword switch
        {
            "additionalProperties" or "unevaluatedProperties" or "false" => $"'{key}' is not a key of a bot document here (check its spelling).",
            "pattern" when pointer == "/id" => "A bot id uses lowercase letters and digits, with single hyphens between words (for example my-bank).",
            "pattern" when key is "name" or "id" => "A name must not be empty and may use letters, digits, underscores, dots and hyphens (no spaces).",
            "pattern" or "minLength" => "Must not be empty or only spaces.",
            "required" => "Missing required key(s): " + string.Join(", ", message.Split('"').Where((_, i) => i % 2 == 1)) + ".",
            _ when message.Contains("false schema", StringComparison.Ordinal) => $"'{key}' is not a key of a bot document here (check its spelling).",
            _ => message,
        };
    }
}
