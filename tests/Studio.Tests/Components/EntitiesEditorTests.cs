using Bunit;
using Studio.Core.Bots;
using Studio.Data.Drafts;
using Studio.Tests.Support;
using Studio.Web.Features.Entities;

namespace Studio.Tests.Components;

/// <summary>The entities editor rendered with bUnit against a real SQLite store.</summary>
public sealed class EntitiesEditorTests : StudioComponentTest
{
    protected override Task SeedAsync(BotDraftStore store)
    {
        var bot = Bots.Small("entity-bot");
        bot.Entities.Add(new EntityDefinition { Name = "order_number", Kind = EntityKind.Regex, Pattern = @"\b\d{6}\b" });
        return store.CreateAsync(bot);
    }

    [Fact]
    public async Task NewListEntity_WithSynonyms_IsSaved()
    {
        var editor = Render<EntitiesEditor>(p => p.Add(e => e.BotId, "entity-bot"));
        editor.WaitForElement("[aria-label='New entity']");
        // Found again for each step: each input re-renders the form, and a button found before that holds a stale handler.

        Input(editor.Find("[aria-label='New entity']"), "Entity name").Input("delivery_speed");
        Input(editor.Find("[aria-label='New entity']"), "Value").Input("express");
        Input(editor.Find("[aria-label='New entity']"), "Synonyms, one per line").Input("next day\nfast\n  Next Day \novernight, in a hurry");
        Button(editor.Find("[aria-label='New entity']"), "Add entity").Click();

        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[aria-label='Entity delivery_speed']")));
        var stored = (await Store.GetAsync("entity-bot")).Bot.Entities.Single(e => e.Name == "delivery_speed");
        Assert.Equal(EntityKind.List, stored.Kind);
        var value = Assert.Single(stored.Values!);
        Assert.Equal("express", value.Value);
        Assert.Equal(["next day", "fast", "overnight, in a hurry"], value.Synonyms);
    }

    [Fact]
    public async Task RegexEntity_WithABrokenPattern_IsRefused_WithTheReason()
    {
        var editor = Render<EntitiesEditor>(p => p.Add(e => e.BotId, "entity-bot"));
        editor.WaitForElement("[aria-label='Entity order_number']");
        // Found again for each step: each input re-renders the form, and a button found before that holds a stale handler.

        Input(editor.Find("[aria-label='Entity order_number']"), "Pattern").Input("(\\d{6}");
        Button(editor.Find("[aria-label='Entity order_number']"), "Save entity").Click();

        editor.WaitForAssertion(() => Assert.Contains("does not compile", editor.Find("[aria-label='Entity order_number'] [role=alert]").TextContent));
        Assert.Equal(@"\b\d{6}\b", (await Store.GetAsync("entity-bot")).Bot.Entities[0].Pattern);
    }

    [Fact]
    public async Task DeletingAnEntity_RemovesItFromTheBot()
    {
        var editor = Render<EntitiesEditor>(p => p.Add(e => e.BotId, "entity-bot"));
        editor.WaitForElement("[aria-label='Entity order_number']");
        // Found again for each step: each input re-renders the form, and a button found before that holds a stale handler.

        Button(editor.Find("[aria-label='Entity order_number']"), "Delete").Click();

        editor.WaitForAssertion(() => Assert.Empty(editor.FindAll("[aria-label='Entity order_number']")));
        Assert.Empty((await Store.GetAsync("entity-bot")).Bot.Entities);
    }

    [Fact]
    public async Task SaveAfterAnotherDesignersEdit_IsRefused_WithReload()
    {
        var editor = Render<EntitiesEditor>(p => p.Add(e => e.BotId, "entity-bot"));
        editor.WaitForElement("[aria-label='Entity order_number']");
        // Found again for each step: each input re-renders the form, and a button found before that holds a stale handler.
        var elsewhere = await Store.GetAsync("entity-bot");
        elsewhere.Bot.Intents[0].Examples.Add("good day");
        await Store.SaveAsync(elsewhere.Bot, elsewhere.Revision);

        Input(editor.Find("[aria-label='Entity order_number']"), "Pattern").Input(@"\b\d{8}\b");
        Button(editor.Find("[aria-label='Entity order_number']"), "Save entity").Click();

        editor.WaitForAssertion(() => Assert.Contains("changed elsewhere", editor.Find("[role=alert]").TextContent));
        Assert.Equal(@"\b\d{6}\b", (await Store.GetAsync("entity-bot")).Bot.Entities[0].Pattern);
    }
}
