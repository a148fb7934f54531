using System.Text.RegularExpressions;
using Studio.Tests.Support;

namespace Studio.Tests.Rendering;

/// <summary>
/// Every place the studio shows markup it did not write itself (the test chat, knowledge answers, transcripts, the
/// comparison's replies, document previews) goes through the one sanitizing renderer, so a new page cannot forget it.
/// </summary>
public sealed partial class MarkupSourcesTests
{
    [Fact]
    public void MarkupIsMadeOnlyByTheMarkdownRenderer()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "Studio.Web");
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var renderer = Path.Combine(web, "Features", "Common", "Markdown.cs");

        var offenders = files.Where(f => f != renderer && RawMarkup().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(web, f)).ToList();

        Assert.Contains(files, f => f == renderer);
        Assert.Empty(offenders);
    }

    // new MarkupString(…), (MarkupString)…, AddMarkupContent(…) and Markdig called directly all bypass the sanitizer.
    [GeneratedRegex(@"new\s+MarkupString\s*\(|\(\s*MarkupString\s*\)|AddMarkupContent\s*\(|Markdig\.Markdown\.ToHtml|MarkupString\)\s*\w")]
    private static partial Regex RawMarkup();
}
