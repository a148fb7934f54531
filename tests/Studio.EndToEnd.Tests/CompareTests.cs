using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>A comparison started in the browser: results, recommendation, and applying it to the bot.</summary>
public sealed class CompareTests(StudioServer server, BrowserFixture browser) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Comparison_RunsInTheBackground_AndItsRecommendationCanBeApplied()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "compare-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/compare-bank/compare").ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Run comparison" }).ClickAsync();

            await Expect(page.GetByLabel("Recommendation")).ToContainTextAsync("Recommended:", new() { Timeout = 120_000 });
            await Expect(page.GetByLabel("Comparison results").Locator("tbody tr")).ToHaveCountAsync(3);
            // Plotly draws both charts as SVG: the cost chart has one marker per setup.
            await Expect(page.Locator("#accuracy-cost .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.Locator("#latency .main-svg").First).ToBeVisibleAsync();
            await Expect(page.Locator("#accuracy-cost .scatterlayer .point")).ToHaveCountAsync(3); // one marker per setup
            await Expect(page.Locator("#accuracy-cost .scatterlayer .trace")).ToHaveCountAsync(2); // the setups and the frontier line
            await Expect(page.Locator("#latency .boxlayer .trace")).ToHaveCountAsync(3); // one latency distribution per setup
            await Expect(page.Locator("#per-intent-f1 .barlayer .trace")).ToHaveCountAsync(3); // F1 per intent, one series per setup
            await Expect(page.Locator("#confusion .main-svg").First).ToBeVisibleAsync();
            await Expect(page.Locator("#confusion .heatmaplayer image, #confusion .imagelayer image").First).ToBeAttachedAsync();
            await Expect(page.Locator("#threshold-0 .scatterlayer .trace")).ToHaveCountAsync(3); // accuracy, escalated share, latency
            await Expect(page.GetByLabel("Cascade threshold", new() { Exact = true })).ToContainTextAsync("cascade:ngram>encoder@");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "compare.png"), FullPage = true });

            // The run is stored: a reload shows it again, with the revision it ran on.
            await page.ReloadAsync();
            await Expect(page.GetByLabel("Comparison results").Locator("tbody tr")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
            await Expect(page.GetByText("revision 1 · conversation tests")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Use for this bot" }).ClickAsync();
            await Expect(page.GetByText("Saved in the bot's models section")).ToBeVisibleAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task LiveSideBySide_StreamsEverySetup_AndABlindVoteReachesTheLeaderboard()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "live-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/live-bank/compare").ToString());
            await page.GetByRole(AriaRole.Tab, new() { Name = "Live side by side" }).ClickAsync();
            await Expect(page.GetByText("No votes yet")).ToBeVisibleAsync();
            await page.GetByText("Blind: hide which setup is which").ClickAsync();
            await page.GetByLabel("Side by side message").FillAsync("I lost my card");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

            // The encoder and the local model each answer in their own column, names hidden behind letters.
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "A is best" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Expect(page.GetByLabel("Column A")).ToContainTextAsync("Setup A");
            await Expect(page.GetByLabel("Column B")).ToContainTextAsync("Setup B");
            await Expect(page.Locator(".turn-figures")).ToHaveCountAsync(2);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "side-by-side.png"), FullPage = true });
            await page.GetByRole(AriaRole.Button, new() { Name = "A is best" }).ClickAsync();

            await Expect(page.GetByText("Recorded:")).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Leaderboard table").Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(page.GetByText("1 pairwise votes")).ToBeVisibleAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task APromptWrittenOnThePromptsTab_IsOfferedAsASetup_ForEveryLargeModel()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "prompt-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/prompt-bank/compare").ToString());
            await page.GetByRole(AriaRole.Tab, new() { Name = "Prompts" }).ClickAsync();
            var form = page.GetByLabel("New prompt", new() { Exact = true });
            await form.GetByTestId("prompt-name").FillAsync("chatty");
            await form.GetByTestId("prompt-instructions").FillAsync("You are a friendly banking router. Name the one intent that fits.");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add prompt" }).ClickAsync();
            await Expect(page.GetByLabel("Prompt chatty", new() { Exact = true })).ToContainTextAsync("stories(prompt=chatty,shots=8)");

            await page.GetByRole(AriaRole.Tab, new() { Name = "Comparison runs" }).ClickAsync();
            await Expect(page.GetByLabel("Setups", new() { Exact = true }).GetByText("stories(prompt=chatty)", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Setups", new() { Exact = true }).GetByText("stories(prompt=terse)", new() { Exact = true })).ToBeVisibleAsync(); // the template's own
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
