namespace Studio.Inference.Knowledge;

/// <summary>
/// A passage of a knowledge source: the Markdown under one heading (or part of it, when long), the headings it
/// sits under, and its plain text as search sees it (the heading path first, so a passage is found by its topic).
/// </summary>
public sealed record KnowledgeChunk(string Source, IReadOnlyList<string> Headings, string Markdown, string Text)
{
    /// <summary>"source › heading › subheading", as answers cite it.</summary>
    public string Citation => Headings.Count == 0 ? Source : $"{Source} › {string.Join(" › ", Headings)}";
}
