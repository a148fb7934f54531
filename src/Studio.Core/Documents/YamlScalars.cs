using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Studio.Core.Documents;

/// <summary>
/// The YAML 1.2 core schema for plain scalars: which unquoted words are null, booleans or numbers.
/// Reading and writing share it so that a string such as <c>"true"</c> is quoted on the way out.
/// </summary>
public static partial class YamlScalars
{
    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    /// <summary>The JSON value of an unquoted scalar.</summary>
    public static JsonNode? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        // A number too large for a double (1e999) stays text, so the schema reports it instead of a crash.
        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    /// <summary>True when a string written unquoted would be read back as something other than that string.</summary>
    public static bool WouldChangeMeaningUnquoted(string text) =>
        ResolvePlain(text) is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String;
}
