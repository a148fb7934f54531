using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Studio.Data.Drafts;
using Studio.Tests.Support;
using Studio.Web.Features.Intents;

namespace Studio.Tests.Components;

/// <summary>The intents editor rendered with bUnit against a real SQLite store.</summary>
public sealed class IntentsEditorTests : StudioComponentTest
{
    protected override Task SeedAsync(BotDraftStore store) => store.CreateAsync(Bots.Small("editor-bot"));

    [Fact]
    public void ShowsTheBotsIntents_WithTheFirstSelected()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));

        editor.WaitForAssertion(() => Assert.Contains("2 intents · 4 examples", editor.Markup));
        Assert.Equal("greet", Input(editor, "Intent name").GetAttribute("value"));
        Assert.Contains("hi there", editor.Markup);
    }

    [Fact]
    public async Task AViewer_SeesTheEditingControlsDisabled_WithWhy_AndTheSessionRefusesTheChangeAnyway()
    {
        Authorization.SetRoles(Studio.Web.Accounts.StudioRoles.Viewer);
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));

        foreach (var label in new[] { "Add intent", "Rename", "Add example", "Save threshold" })
        {
            Assert.True(Button(editor, label).HasAttribute("disabled"), $"{label} is enabled for a viewer");
        }

        Assert.True(Input(editor, "New intent name").HasAttribute("disabled"));
        Assert.All(editor.FindAll("[data-testid=viewer-disabled]"), d => Assert.Equal(Studio.Web.Features.Common.DraftSession.ViewerRefusal, d.GetAttribute("title")));
        Assert.False(Input(editor, "Filter intents and examples").HasAttribute("disabled")); // looking stays open

        // A control enabled by other means (a stale page, a crafted event) still reaches the session, which refuses.
        var session = Services.GetRequiredService<Studio.Web.Features.Common.DraftSession>();
        var refused = await editor.InvokeAsync(() => session.EditAsync(bot => { bot.Intents.Clear(); return null; }));
        Assert.False(refused.Saved);
        Assert.Equal(1, (await Store.GetAsync("editor-bot")).Revision);
    }

    [Fact]
    public void ADesigner_HasTheEditingControlsEnabled()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));

        Assert.False(Button(editor, "Add intent").HasAttribute("disabled"));
        Assert.Empty(editor.FindAll("[data-testid=viewer-disabled]"));
    }

    [Fact]
    public async Task AddingAnIntentAndAnExample_SavesBoth()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));

        Input(editor, "New intent name").Input("ask_weather");
        Button(editor, "Add intent").Click();
        editor.WaitForAssertion(() => Assert.Equal("ask_weather", Input(editor, "Intent name").GetAttribute("value")));
        Input(editor, "New example").Input("will it rain tomorrow");
        Button(editor, "Add example").Click();

        editor.WaitForAssertion(() => Assert.Contains("will it rain tomorrow", editor.Markup));
        var stored = await Store.GetAsync("editor-bot");
        Assert.Equal(3, stored.Revision);
        Assert.Equal(["will it rain tomorrow"], stored.Bot.Intents.Single(i => i.Name == "ask_weather").Examples);
    }

    [Fact]
    public async Task AnIntentsOwnThreshold_IsSetInPercent_AndClearedBackToTheBots()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));

        Input(editor, "Confidence threshold (%)").Change("70");
        Button(editor, "Save threshold").Click();

        await Eventually.TrueAsync(async () => (await Store.GetAsync("editor-bot")).Bot.Intents.Single(i => i.Name == "greet").Threshold == 0.7, "the threshold saved");
        editor.WaitForAssertion(() => Assert.Contains("Empty: the bot's", editor.Markup));
    }

    [Fact]
    public async Task DuplicateIntentName_ShowsTheProblem_AndSavesNothing()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));

        Input(editor, "New intent name").Input("GREET");
        Button(editor, "Add intent").Click();

        editor.WaitForAssertion(() => Assert.Contains("Duplicate intent name 'GREET'", editor.Find("[role=alert]").TextContent));
        Assert.Equal(1, (await Store.GetAsync("editor-bot")).Revision);
    }

    [Fact]
    public async Task PastingManyExamples_AddsTheNewOnes_AndSaysHowManyWereAlreadyThere()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));

        Input(editor, "Examples, one per line").Input("good morning\n\nhello\nhowdy  \n");
        Button(editor, "Add all").Click();

        editor.WaitForAssertion(() => Assert.Contains("Added 2 examples; 1 were already there.", editor.Markup));
        Assert.Equal(["hello", "hi there", "good morning", "howdy"], (await Store.GetAsync("editor-bot")).Bot.Intents[0].Examples);
    }

    [Fact]
    public async Task EmptyExample_IsRefused_WithAMessage()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));

        Input(editor, "New example").Input("   ");
        Button(editor, "Add example").Click();

        editor.WaitForAssertion(() => Assert.Contains("an empty example teaches nothing", editor.Markup));
        Assert.Equal(1, (await Store.GetAsync("editor-bot")).Revision);
    }

    [Fact]
    public async Task EditByAnotherDesigner_MakesTheNextSaveStale_AndOffersReload()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));
        var elsewhere = await Store.GetAsync("editor-bot");
        elsewhere.Bot.Intents[1].Examples.Add("catch you later");
        await Store.SaveAsync(elsewhere.Bot, elsewhere.Revision);

        Input(editor, "New example").Input("hey");
        Button(editor, "Add example").Click();

        editor.WaitForAssertion(() => Assert.Contains("changed elsewhere", editor.Markup));
        Button(editor, "Reload").Click();
        editor.WaitForAssertion(() => Assert.Contains("2 intents · 5 examples", editor.Markup));
        Assert.DoesNotContain("hey", (await Store.GetAsync("editor-bot")).Bot.Intents[0].Examples);
    }

    [Fact]
    public void Filter_NarrowsTheIntentList()
    {
        var editor = Render<IntentsEditor>(p => p.Add(e => e.BotId, "editor-bot"));
        editor.WaitForAssertion(() => Assert.Contains("2 intents", editor.Markup));

        Input(editor, "Filter intents and examples").Input("see you");

        var listed = editor.Find("nav[aria-label=Intents]").TextContent;
        Assert.Contains("bye", listed);
        Assert.DoesNotContain("greet", listed);
    }

}
