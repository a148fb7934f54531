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
