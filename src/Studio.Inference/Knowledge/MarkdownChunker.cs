using Markdig;
using Markdig.Syntax;

namespace Studio.Inference.Knowledge;

/// <summary>
/// Splits Markdown into passages along its headings with Markdig: every heading starts a passage that keeps the
/// path of headings above it; a section longer than the limit is cut between blocks (lists, tables and code
/// blocks stay whole unless one alone is over the limit, which is then cut between lines). Plain text (a
/// <c>.txt</c> source) is cut between paragraphs.
/// </summary>
public static class MarkdownChunker
{
    /// <summary>Characters of Markdown per passage at most (about 150–250 words): small enough to quote, large enough to hold an answer.</summary>
    public const int DefaultMaxChars = 1200;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static IReadOnlyList<KnowledgeChunk> Chunk(string source, string content, int maxChars = DefaultMaxChars)
    {
        content = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        return source.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? ChunkText(source, content, maxChars) : ChunkMarkdown(source, content, maxChars);
    }

    private static List<KnowledgeChunk> ChunkMarkdown(string source, string content, int maxChars)
    {
        var document = Markdig.Markdown.Parse(content, Pipeline);
        var chunks = new List<KnowledgeChunk>();
        var headings = new List<(int Level, string Text)>();
        var parts = new List<string>();

        void Flush()
        {
            var markdown = string.Join("\n\n", parts).Trim();
            parts.Clear();
            if (markdown.Length > 0)
            {
                chunks.Add(Make(source, [.. headings.Select(h => h.Text)], markdown));
            }
        }

        foreach (var block in document)
        {
            var raw = content.Substring(block.Span.Start, Math.Min(block.Span.Length, content.Length - block.Span.Start)).TrimEnd();
            if (block is HeadingBlock heading)
            {
                Flush();
                headings.RemoveAll(h => h.Level >= heading.Level);
                headings.Add((heading.Level, PlainText(raw).Trim()));
                continue;
            }

            foreach (var piece in raw.Length > maxChars ? SplitLines(raw, maxChars) : [raw])
            {
                if (parts.Count > 0 && parts.Sum(p => p.Length + 2) + piece.Length > maxChars)
                {
                    Flush();
                }

                parts.Add(piece);
            }
        }

        Flush();
        return chunks;
    }

    private static List<KnowledgeChunk> ChunkText(string source, string content, int maxChars)
    {
        var chunks = new List<KnowledgeChunk>();
        var current = new List<string>();
        foreach (var paragraph in content.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .SelectMany(p => p.Length > maxChars ? SplitLines(p, maxChars) : [p]))
        {
            if (current.Count > 0 && current.Sum(p => p.Length + 2) + paragraph.Length > maxChars)
            {
                chunks.Add(Make(source, [], string.Join("\n\n", current)));
                current.Clear();
            }

            current.Add(paragraph);
        }

        if (current.Count > 0)
        {
            chunks.Add(Make(source, [], string.Join("\n\n", current)));
        }

        return chunks;
    }

    // A block too long for one passage (a big table or code block) is cut between lines; a line too long on its
    // own (a paragraph with no line breaks) between sentences, then words, and only as a last resort anywhere.
    private static IEnumerable<string> SplitLines(string raw, int maxChars)
    {
        var piece = new List<string>();
        var length = 0;
        foreach (var line in raw.Split('\n').SelectMany(l => l.Length > maxChars ? SplitLine(l, maxChars) : [l]))
        {
            if (piece.Count > 0 && length + line.Length + 1 > maxChars)
            {
                yield return string.Join("\n", piece);
                piece.Clear();
                length = 0;
            }

            piece.Add(line);
            length += line.Length + 1;
        }

        if (piece.Count > 0)
        {
            yield return string.Join("\n", piece);
        }
    }

    private static IEnumerable<string> SplitLine(string line, int maxChars)
    {
        var rest = line.AsMemory();
        while (rest.Length > maxChars)
        {
            var window = rest.Span[..maxChars];
            var cut = LastSentenceEnd(window);
            if (cut <= 0)
            {
                cut = window.LastIndexOf(' ') + 1;
            }

            if (cut <= 0)
            {
                // No space at all: cut at the limit, but never between the halves of a surrogate pair.
                cut = char.IsHighSurrogate(window[^1]) ? maxChars - 1 : maxChars;
            }

            var piece = rest[..cut].ToString().TrimEnd();
            if (piece.Length > 0)
            {
                yield return piece;
            }

            rest = rest[cut..];
        }

        if (rest.Length > 0)
        {
            yield return rest.ToString();
        }
    }

    // Just after the last ". ", "? " or "! " in the window, or 0.
    private static int LastSentenceEnd(ReadOnlySpan<char> window)
    {
        for (var i = window.Length - 1; i > 0; i--)
        {
            if (window[i] == ' ' && window[i - 1] is '.' or '?' or '!')
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static KnowledgeChunk Make(string source, IReadOnlyList<string> headings, string markdown) =>
        new(source, headings, markdown, string.Join(". ", headings.Append(PlainText(markdown))).Trim());

    private static string PlainText(string markdown) => Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();
}
