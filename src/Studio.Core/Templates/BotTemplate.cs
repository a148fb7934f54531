namespace Studio.Core.Templates;

/// <summary>A starter bot a designer can create a project from.</summary>
public sealed record BotTemplate(string Id, string Name, string? Description, int IntentCount, int ExampleCount, string FilePath);
