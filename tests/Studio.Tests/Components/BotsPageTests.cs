using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Studio.Core;
using Studio.Core.Templates;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Tests.Support;
using Studio.Web.Features.Bots;

namespace Studio.Tests.Components;

/// <summary>The bots page with a published bot: deleting it is refused, retiring it asks first.</summary>
public sealed class BotsPageTests : StudioComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private VersionStore Versions => Db.Services.GetRequiredService<VersionStore>();

    protected override async Task SeedAsync(BotDraftStore store)
    {
        await store.CreateAsync(Bots.Small("served-bot"));
        await Versions.AddAsync(new BotVersion { BotId = "served-bot", BotRevision = 1, Document = "{}", ContentHash = "hash", Gate = "{}", PublishedBy = "admin@studio.test" }, "production");
        Services.AddSingleton(Versions);
        Services.AddSingleton(Db.Services.GetRequiredService<BotImporter>());
        Services.AddSingleton(new TemplateCatalog(RepoPaths.Templates));
        Services.AddSingleton(Options.Create(new StudioOptions()));
    }

    [Fact]
    public async Task DeletingAPublishedBot_IsRefused_WithAnExplanationToRetireFirst()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<BotsPage>();
        page.WaitForElement("[aria-label='Delete served-bot']", Patience).Click();

        Button(page, "Confirm delete").Click();

        page.WaitForAssertion(() => Assert.Contains("Retire it first", page.Find("[role=alert]").TextContent), Patience);
        Assert.NotNull(await Store.FindAsync("served-bot"));
        Assert.Equal(1, await Versions.ResolveAsync("served-bot", "production"));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Retiring_AsksFirst_NamingWhatServes_AndKeepServingChangesNothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<BotsPage>();

        page.WaitForElement("[aria-label='Retire served-bot']", Patience).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("production \u2192 v1", dialogs.Find(".mud-dialog").TextContent), Patience);
        Assert.Contains("transcripts", dialogs.Find(".mud-dialog").TextContent);
        Assert.True(Button(dialogs, "Retire").HasAttribute("disabled")); // no reason, no retirement
        Button(dialogs, "Keep serving").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Patience);
        Assert.Equal(1, await Versions.ResolveAsync("served-bot", "production"));
        Assert.Null(await Versions.LastRetirementAsync("served-bot"));
    }

    [Fact]
    public async Task Retiring_WithAReason_RecordsTheSignedInUser_AndStopsServing()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<BotsPage>();

        page.WaitForElement("[aria-label='Retire served-bot']", Patience).Click();
        dialogs.WaitForElement(".mud-dialog", Patience);
        Input(dialogs, "Reason (recorded)").Input("replaced by a new bot");
        dialogs.WaitForAssertion(() => Assert.False(Button(dialogs, "Retire").HasAttribute("disabled")), Patience);
        Button(dialogs, "Retire").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-label='Retire served-bot']")), Patience);
        var record = await Versions.LastRetirementAsync("served-bot");
        Assert.NotNull(record);
        Assert.Equal("designer@studio.test", record.RetiredBy);
        Assert.Equal("replaced by a new bot", record.Reason);
        Assert.Null(await Versions.ResolveAsync("served-bot", "production"));
    }
}
