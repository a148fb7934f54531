using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Core;
using Studio.Core.Bots;
using Studio.Data.Drafts;
using Studio.Tests.Support;
using Studio.Web.Features.Common;
using Studio.Web.Features.Knowledge;

namespace Studio.Tests.Components;

/// <summary>The Knowledge page's document preview, fed documents written to run script.</summary>
public sealed class KnowledgePreviewTests : StudioComponentTest
{
    private const string BotId = "docs-bot";

    protected override Task SeedAsync(BotDraftStore store)
    {
        var bot = Bots.Small(BotId);
        bot.Knowledge = new KnowledgeSettings
        {
            Sources =
            [
                .. HostileMarkdown.Payloads.Select((p, i) => new KnowledgeSource { Name = $"hostile-{i}.md", Content = p }),
                .. HostileMarkdown.Payloads.Select((p, i) => new KnowledgeSource { Name = $"hostile-{i}.txt", Content = p }),
            ],
        };
        return store.CreateAsync(bot);
    }

    [Fact]
    public async Task HostileDocuments_PreviewHarmless()
    {
        Services.AddSingleton(Options.Create(new StudioOptions()));
        ComponentFactories.AddStub<KnowledgeTry>(); // retrieval has its own tests; the preview is what is under test here
        Assert.True(await Services.GetRequiredService<DraftSession>().LoadAsync(BotId));

        foreach (var name in HostileMarkdown.Payloads.SelectMany((_, i) => new[] { $"hostile-{i}.md", $"hostile-{i}.txt" }))
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            navigation.NavigateTo(navigation.GetUriWithQueryParameter("source", name));
            var sources = Render<KnowledgeSources>(p => p.Add(k => k.BotId, BotId));
            var preview = sources.WaitForElement("[aria-label='Document preview'] .knowledge-preview", TimeSpan.FromSeconds(30));

            Assert.Contains(name, sources.Find("[aria-label='Document preview']").TextContent);
            HostileMarkdown.AssertHarmless(preview.InnerHtml, name);
        }
    }
}
