namespace Studio.Inference.Llm;

/// <summary>GBNF grammars that force a local model's output into a shape we can parse.</summary>
public static class JsonGrammar
{
    /// <summary>Longest string value <see cref="FlatObject"/> allows; entity values are short.</summary>
    public const int MaxValueLength = 40;

    /// <summary>Exactly one of the given words.</summary>
    public static string OneOf(IEnumerable<string> choices) =>
        "root ::= " + string.Join(" | ", choices.Select(c => "\"" + c.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));

    /// <summary>A flat JSON object whose keys are the given names, each a string or null.</summary>
    public static string FlatObject(IReadOnlyList<string> keys)
    {
        var members = keys.Select(k => $"\"\\\"{k}\\\"\" ws \":\" ws value");
        return "root ::= \"{\" ws " + string.Join(" \",\" ws ", members) + " ws \"}\"\n"
            + "value ::= \"null\" | string\n"
            + "string ::= \"\\\"\" [^\"\\\\\\n]{0," + MaxValueLength + "} \"\\\"\"\n"
            + "ws ::= [ ]?\n";
    }
}
