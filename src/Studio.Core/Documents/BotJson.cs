using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Studio.Core.Documents;

/// <summary>The one JSON shape of a bot: camelCase keys, camelCase enum words, nulls left out.</summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: true);

    public static JsonSerializerOptions CompactOptions { get; } = CreateOptions(indented: false);

    /// <summary>Reads what it can of a document that failed the schema, so the rules can still report their problems too.</summary>
    public static JsonSerializerOptions LenientOptions { get; } = CreateOptions(indented: false, unmapped: JsonUnmappedMemberHandling.Skip);

    private static JsonSerializerOptions CreateOptions(bool indented, JsonUnmappedMemberHandling unmapped = JsonUnmappedMemberHandling.Disallow)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            // Designers write quotes, accents and currency symbols; keep them readable in exported files.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            UnmappedMemberHandling = unmapped,
            // A null where the model has a list is refused, never left to surface as a crash later.
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
