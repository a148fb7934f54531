using Markdig;
using Microsoft.AspNetCore.Components;

namespace Studio.Web.Features.Common;

/// <summary>Response templates are Markdown; this renders them for the studio, with raw HTML in them escaped.</summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    public static MarkupString ToHtml(string markdown) => new(Markdig.Markdown.ToHtml(markdown, Pipeline));
}
