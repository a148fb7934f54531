using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>Page object for the studio: what a designer does, in the words on the screen.</summary>
public sealed class StudioPage(IPage page, Uri baseAddress)
{
    public IPage Page { get; } = page;

    public async Task OpenBotsAsync()
    {
        await Page.GotoAsync(new Uri(baseAddress, "/bots").ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Bots", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Creates a bot from the template already selected in "Start from" (the banking bot by default).</summary>
    public async Task CreateBotAsync(string id)
    {
        await Expect(Page.GetByText("Start from", new() { Exact = true })).ToBeVisibleAsync();
        await Page.GetByLabel("Bot id").FillAsync(id);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create bot" }).ClickAsync();
        await Page.WaitForURLAsync($"**/bots/{id}/intents");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Intents", Exact = true })).ToBeVisibleAsync();
    }

    public async Task AddIntentAsync(string name)
    {
        await Page.GetByLabel("New intent name").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add intent" }).ClickAsync();
        await Expect(Page.GetByLabel("Intent name", new() { Exact = true })).ToHaveValueAsync(name);
    }

    public async Task AddExampleAsync(string text)
    {
        await Page.GetByLabel("New example").FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add example" }).ClickAsync();
        await Expect(Examples.GetByText(text, new() { Exact = true })).ToBeVisibleAsync();
    }

    public async Task OpenIntentAsync(string name)
    {
        await IntentList.GetByRole(AriaRole.Button).Filter(new() { HasText = name }).ClickAsync();
        await Expect(Page.GetByLabel("Intent name", new() { Exact = true })).ToHaveValueAsync(name);
    }

    public ILocator IntentList => Page.GetByRole(AriaRole.Navigation, new() { Name = "Intents" });

    public ILocator Examples => Page.GetByRole(AriaRole.List, new() { Name = "Examples" });
}
