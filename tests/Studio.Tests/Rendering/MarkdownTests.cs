using Studio.Tests.Support;
using Studio.Web.Features.Common;

namespace Studio.Tests.Rendering;

/// <summary>The studio's one Markdown renderer: hostile Markdown renders harmless, ordinary Markdown as written.</summary>
public sealed class MarkdownTests
{
    public static TheoryData<string> Payloads => [.. HostileMarkdown.Payloads];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void HostileMarkdown_RendersHarmless(string payload)
    {
        HostileMarkdown.AssertHarmless(Markdown.ToHtml(payload).Value, payload);
        HostileMarkdown.AssertHarmless(Markdown.TextToHtml(payload).Value, payload);
    }

    [Fact]
    public void TheCorpus_IsLargeEnough_ToCoverEachKindOfPayload() => Assert.True(HostileMarkdown.Payloads.Count >= 30);

    [Fact]
    public void OrdinaryMarkdown_Survives()
    {
        const string markdown = "**Bold** and *italic*\n\n- one\n- two\n\n1. first\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code` and\n\n```\nblock\n```\n\n"
            + "[fees](https://bank.example/fees) · [write](mailto:help@bank.example) · [branches](/branches)";

        var html = Markdown.ToHtml(markdown).Value;

        Assert.Contains("<strong>Bold</strong>", html);
        Assert.Contains("<em>italic</em>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<td>2</td>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<pre><code>block", html);
        Assert.Contains("href=\"https://bank.example/fees\"", html);
        Assert.Contains("href=\"mailto:help@bank.example\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
    }

    [Fact]
    public void CodeShowsMarkupAsText()
    {
        var html = Markdown.ToHtml("`<img src=x onerror=alert(1)>`").Value;

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }

    [Theory]
    [InlineData("Done: the card ending **4821** is blocked.", "Done: the card ending 4821 is blocked.")]
    [InlineData("See [our fees](https://bank.example/fees).", "See our fees (https://bank.example/fees).")]
    [InlineData("Open <https://bank.example>", "Open https://bank.example")]
    [InlineData("Never [this](javascript:alert(1))", "Never this")]
    [InlineData("- one\n- two", "one\ntwo")]
    public void PlainText_DropsMarkup_AndKeepsLinkAddresses(string markdown, string expected) =>
        Assert.Equal(expected, Studio.Application.Text.SafeMarkdown.ToPlainText(markdown).ReplaceLineEndings("\n"));
}
