using Microsoft.AspNetCore.Components;
using Studio.Application.Text;

namespace Studio.Web.Features.Common;

/// <summary>Markdown and plain text as markup for the studio's pages, always through <see cref="SafeMarkdown"/>, the one sanitizing renderer.</summary>
public static class Markdown
{
    public static MarkupString ToHtml(string markdown) => new(SafeMarkdown.ToSafeHtml(markdown));

    /// <summary>Plain text shown as written, with its line breaks, through the same sanitizer.</summary>
    public static MarkupString TextToHtml(string text) => new(SafeMarkdown.TextToSafeHtml(text));
}
