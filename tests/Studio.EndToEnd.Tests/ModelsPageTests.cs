using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>The Models page lists the ladder with each profile's status, and loads and unloads a local GGUF model.</summary>
public sealed class ModelsPageTests(StudioServer server, BrowserFixture browser) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task LocalModel_CanBeLoadedAndUnloaded_AndAMissingFileIsNamed()
    {
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 900 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/models").ToString());
            var table = page.GetByLabel("Model profiles");
            var stories = table.Locator("tr").Filter(new() { HasText = "stories" });
            var broken = table.Locator("tr").Filter(new() { HasText = "broken" });

            await Expect(table.Locator("tbody tr").Filter(new() { HasText = "configuration (read-only)" })).ToHaveCountAsync(2);
            await Expect(broken).ToContainTextAsync("missing.gguf' does not exist");
            await stories.GetByRole(AriaRole.Button, new() { Name = "Load" }).ClickAsync();
            await Expect(stories).ToContainTextAsync("loaded");
            await Expect(stories).ToContainTextAsync("292.8 K"); // parameters read from the loaded weights
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "models.png") });
            await stories.GetByRole(AriaRole.Button, new() { Name = "Unload" }).ClickAsync();
            await Expect(stories.GetByRole(AriaRole.Button, new() { Name = "Load" })).ToBeVisibleAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task AnAdmin_AddsALocalModelOnThePage_TestsIt_AndRemovesIt()
    {
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 900 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/models").ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Add a local model" }).ClickAsync();
            var form = page.GetByLabel("New local model");
            await form.GetByTestId("model-id").FillAsync("pocket");
            await form.GetByTestId("model-path").FillAsync(Path.Combine(Studio.Tests.Support.RepoPaths.Shared, "models", "stories260K.gguf"));
            await form.GetByRole(AriaRole.Button, new() { Name = "Add model" }).ClickAsync();

            var row = page.GetByLabel("Model profiles").Locator("tr").Filter(new() { HasText = "pocket" });
            await Expect(row).ToContainTextAsync("studio");
            await row.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
            await Expect(row.GetByTestId("model-test-result")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Test: answered in [\d,]+ ms"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "models-added.png") });

            await row.GetByLabel("Remove pocket").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
