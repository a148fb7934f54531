using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Studio.Data.Publishing;
using Studio.Tests.Support;
using Studio.Web.Features.Publish;
using Studio.Application.Runtime;
using Studio.Web.Runtime;

namespace Studio.Tests.Api;

/// <summary>What a runtime caller's text becomes once it reaches a reply: plain text and Markdown for the caller, harmless markup in the studio.</summary>
public sealed class ServedMarkupTests(ServedBankFixture bank) : IClassFixture<ServedBankFixture>
{
    [Fact]
    public async Task Replies_ComeAsPlainText_AndAsMarkdown()
    {
        await bank.SendAsync("plain-1", "I lost my card");
        var reply = await bank.SendAsync("plain-1", "it ends in 4821");

        var text = Assert.Single(reply.GetProperty("replies").EnumerateArray()).GetString()!;
        var markdown = Assert.Single(reply.GetProperty("markdown").EnumerateArray()).GetString()!;
        Assert.Contains("the card ending **4821** is blocked", markdown);
        Assert.Contains("the card ending 4821 is blocked", text);
        Assert.DoesNotContain("**", text);
    }

    [Fact]
    public async Task ACallersScript_ThroughASlot_IsHarmless_InTheTranscripts()
    {
        var payloads = HostileMarkdown.Payloads.Where(p => !p.Contains('\n', StringComparison.Ordinal)).ToList();
        for (var i = 0; i < payloads.Count; i++)
        {
            await bank.SendAsync($"hostile-{i}", "I lost my card");
            var reply = await bank.SendAsync($"hostile-{i}", "it ends in 4821 " + payloads[i]);
            // The payload really is in the reply, as literal text, so the check below is of something a browser would have run.
            Assert.Contains("4821 " + payloads[i], Studio.Core.Conversations.MarkdownLiteral.Unescape(reply.GetProperty("markdown")[0].GetString()!), StringComparison.OrdinalIgnoreCase);
        }

        await bank.App.Services.GetRequiredService<TranscriptWriter>().FlushAsync();
        await using var ui = new BunitContext();
        ui.JSInterop.Mode = JSRuntimeMode.Loose;
        ui.Services.AddMudServices();
        ui.Services.AddSingleton(bank.App.Services.GetRequiredService<TranscriptStore>());
        ui.Services.AddSingleton(bank.App.Services.GetRequiredService<IOptions<RuntimeOptions>>());
        ui.Services.AddSingleton(bank.App.Services.GetRequiredService<Studio.Application.Privacy.ConversationForgetting>());
        ui.Services.AddSingleton(bank.App.Services.GetRequiredService<Studio.Data.Drafts.BotDraftStore>());
        ui.Services.AddScoped<Studio.Web.Features.Common.DraftSession>();
        ui.AddAuthorization().SetAuthorized("viewer@studio.test");
        var transcripts = ui.Render<Transcripts>(p => p.Add(t => t.BotId, ServedBankFixture.BotId));

        for (var i = 0; i < payloads.Count; i++)
        {
            var conversation = $"hostile-{i}";
            transcripts.WaitForElement("[aria-label='Served conversations']", TimeSpan.FromSeconds(30));
            transcripts.FindAll("tr").First(r => r.QuerySelector("td.mono")?.TextContent == conversation).Click();
            var said = "it ends in 4821 " + payloads[i];
            transcripts.WaitForAssertion(() => Assert.Contains(transcripts.FindAll("b"), b => b.TextContent == "User:" && b.ParentElement!.TextContent.Contains(said, StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30));
            // The studio's own controls are MudBlazor's; what must be harmless is what the bot said.
            var replies = transcripts.FindAll("div.mud-typography-body2").Where(d => d.TextContent.StartsWith("Bot:", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, replies.Count);
            Assert.All(replies, r => HostileMarkdown.AssertHarmless(r.InnerHtml, payloads[i]));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/api/reference")]
    [InlineData("/api/bots/served-bank/production/parse")]
    [InlineData("/css/studio.css")]
    public async Task EveryResponse_ForbidsInlineScript_Sniffing_Referrers_AndFraming(string path)
    {
        using var response = await bank.App.CreateAnonymousClient().GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = Directive(csp, "script-src");
        Assert.Contains("'self'", scriptSrc);
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc);
        Assert.DoesNotContain("'unsafe-eval'", scriptSrc);
        Assert.Equal("script-src-attr 'none'", Directive(csp, "script-src-attr"));
        Assert.Equal("frame-ancestors 'none'", Directive(csp, "frame-ancestors"));
        Assert.Equal("object-src 'none'", Directive(csp, "object-src"));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task TheApiReference_RunsOnlyScriptCarryingThisResponsesNonce()
    {
        using var response = await bank.App.CreateAnonymousClient().GetAsync("/api/reference");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var nonce = System.Text.RegularExpressions.Regex.Match(Single(response, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>");
        Assert.NotEmpty(scripts);
        // The attribute is HTML-encoded ('+' may come as &#x2B;); the browser compares the decoded value.
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(s.Value)));
    }

    private static string Single(HttpResponseMessage response, string header) => Assert.Single(response.Headers.GetValues(header));

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d == name || d.StartsWith(name + " ", StringComparison.Ordinal));
}
