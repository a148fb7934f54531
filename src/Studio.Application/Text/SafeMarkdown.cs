using System.Net;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Studio.Application.Text;

/// <summary>
/// The one way text from bots, documents and callers becomes HTML (in the studio's pages) or plain text (in runtime replies). Markdig renders without
/// generic attributes or raw HTML; an allow-list sanitizer then removes whatever a construct Markdig lets
/// through could still do (event handlers, styles, script, frames, schemes other than http, https and mailto),
/// because anything shown here may have been typed by a runtime caller and reached a reply through a slot.
/// </summary>
public static class SafeMarkdown
{
    // Not UseAdvancedExtensions: it includes generic attributes ({onerror=…}), media links (iframes) and others that add markup.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras().UsePipeTables().UseGridTables().UseListExtras().UseTaskLists().UseDefinitionLists().UseFootnotes().UseAbbreviations()
        .UseAutoLinks().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Plain text shown as written, with its line breaks, through the same sanitizer.</summary>
    public static string TextToSafeHtml(string text) => Sanitizer.Sanitize(WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal));

    public static string ToSafeHtml(string markdown) => Sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline));

    /// <summary>
    /// What a reply says without Markup, for callers that show text as it is: emphasis and headings are dropped, and a
    /// link keeps its address after its text, since a reader of plain text cannot click it.
    /// </summary>
    public static string ToPlainText(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().Where(l => !l.IsImage && l.Url is { Length: > 0 }).ToList())
        {
            var text = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            if (IsAllowed(link.Url!) && !string.Equals(text, link.Url, StringComparison.OrdinalIgnoreCase) && !link.IsAutoLink)
            {
                link.InsertAfter(new LiteralInline($" ({link.Url})"));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString().Trim();
    }

    private static bool IsAllowed(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && Sanitizer.AllowedSchemes.Contains(uri.Scheme);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Styles and classes would let text restyle or overlay the studio's own controls; ids could clobber its DOM.
        sanitizer.AllowedAttributes.ExceptWith(["style", "class", "id"]);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedTags.ExceptWith(["form", "input", "button", "select", "textarea", "option", "style"]);
        sanitizer.AllowDataAttributes = false;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } anchor)
            {
                anchor.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
