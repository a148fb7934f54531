namespace Studio.Core.Documents;

/// <summary>
/// One thing wrong with a bot document. <see cref="Path"/> is a JSON Pointer into the document;
/// <see cref="Line"/> and <see cref="Column"/> (1-based) are known when the document came from text.
/// </summary>
public sealed record BotProblem(string Message, string Path = "", int? Line = null, int? Column = null)
{
    /// <summary>The path written the way people read JSON paths: <c>$.intents[3].name</c>.</summary>
    public string JsonPath => JsonPaths.FromPointer(Path);

    public override string ToString() => Line is { } line
        ? $"line {line}, column {Column}: {Message} ({JsonPath})"
        : $"{JsonPath}: {Message}";
}
