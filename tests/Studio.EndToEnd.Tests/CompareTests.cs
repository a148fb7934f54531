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
        using (var http = new HttpClient { BaseAddress = server.BaseAddress })
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "compare-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
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
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "compare.png"), FullPage = true });
            await page.GetByRole(AriaRole.Button, new() { Name = "Use for this bot" }).ClickAsync();
            await Expect(page.GetByText("Saved in the bot's models section")).ToBeVisibleAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
