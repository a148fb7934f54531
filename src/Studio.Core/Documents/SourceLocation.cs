namespace Studio.Core.Documents;

/// <summary>A 1-based line and column in a document's text.</summary>
public readonly record struct SourceLocation(int Line, int Column);
