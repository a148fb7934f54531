namespace Studio.Core.Bots;

/// <summary>A custom kind of personal data: what a stored turn says in its place (<c>[policy number]</c>) and the expression that finds it.</summary>
public sealed class RedactionPattern
{
    public string Name { get; set; } = "";

    /// <summary>A .NET regular expression, run by the non-backtracking engine: its time grows with the text, never without bound.</summary>
    public string Pattern { get; set; } = "";
}
