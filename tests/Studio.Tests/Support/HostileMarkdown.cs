using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Studio.Tests.Support;

/// <summary>
/// Markdown written to run script once rendered, the ways Markdig and browsers have been tricked before, and the check
/// that rendered markup can do none of it: no script or frame elements, no event-handler or style attributes, no
/// address with a scheme other than http, https or mailto.
/// </summary>
public static class HostileMarkdown
{
    public static readonly IReadOnlyList<string> Payloads =
    [
        "![x](https://example.com/a.png){onerror=alert(1)}",
        "[link](https://example.com){onclick=alert(1)}",
        "# Heading {onmouseover=alert(1)}",
        "text {#id .class onload=alert(1)}",
        "![x](x){ onerror=\"alert(1)\" style=\"position:fixed;inset:0\" }",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](<javascript:alert(1)>)",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;&#x76;&#x61;script:alert(1))",
        "[x](java&#09;script:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "<javascript:alert(1)>",
        "<vbscript:alert(1)>",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[x][ref]\n\n[ref]: data:text/html,<script>alert(1)</script> \"title\"",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<details open ontoggle=alert(1)>",
        "<style>body{display:none}</style>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "`<img src=x onerror=alert(1)>`",
        "```html\n<script>alert(1)</script>\n```",
        "**<img src=x onerror=alert(1)>**",
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
        "- [ ] <svg/onload=alert(1)>\n- [x] [y](javascript:alert(1))",
        "Footnote[^1]\n\n[^1]: [x](javascript:alert(1))",
        "[x](https://example.com \"title\" onmouseover=alert(1))",
        "<a href=\"https://example.com\" onmouseover=\"alert(1)\">x</a>",
        "<img src=\"x\" onerror=\"&#97;lert(1)\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "[x](\\javascript:alert(1))",
        "www.example.com/\"onmouseover=\"alert(1)",
    ];

    private static readonly string[] Forbidden = ["script", "iframe", "frame", "object", "embed", "form", "style", "svg", "math", "base", "link", "meta", "input", "button"];

    private static readonly string[] Addresses = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"];

    /// <summary>Fails, naming what it found, when <paramref name="html"/> could run script or restyle the page.</summary>
    public static void AssertHarmless(string html, string? payload = null)
    {
        var body = new HtmlParser().ParseDocument($"<html><body>{html}</body></html>").Body!;
        foreach (var element in body.Descendants<IElement>())
        {
            var where = $"<{element.LocalName}> from {payload ?? "the markup"}: {html}";
            Assert.False(Forbidden.Contains(element.LocalName), $"Forbidden element {where}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"Handler {attribute.Name} on {where}");
                Assert.False(attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase), $"Style on {where}");
                if (Addresses.Contains(attribute.Name.ToLowerInvariant()))
                {
                    Assert.True(SafeAddress(attribute.Value), $"Address {attribute.Name}=\"{attribute.Value}\" on {where}");
                }
            }
        }
    }

    /// <summary>Relative, or absolute with http, https or mailto; control characters and spaces are what browsers strip.</summary>
    private static bool SafeAddress(string value)
    {
        var cleaned = new string([.. value.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]);
        var colon = cleaned.IndexOf(':', StringComparison.Ordinal);
        var slash = cleaned.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true;
        }

        return cleaned[..colon].ToLowerInvariant() is "http" or "https" or "mailto";
    }
}
