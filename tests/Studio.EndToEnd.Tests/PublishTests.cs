using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>Publishing in the browser, a key made there, and the runtime answering with it.</summary>
public sealed class PublishTests(StudioServer server, BrowserFixture browser) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PublishedInTheStudio_ServedWithAKeyMadeThere_AndTheTranscriptShows()
    {
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "publish-bank", templateId = "banking" });
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/publish-bank/publish").ToString());
            await Expect(page.GetByText("Nothing published yet")).ToBeVisibleAsync();
            await page.GetByLabel("Release notes").FillAsync("first release");
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();

            await Expect(page.GetByText("Published version 1")).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Expect(page.GetByLabel("Published versions").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(page.GetByLabel("Published versions")).ToContainTextAsync("production");
            await Expect(page.GetByLabel("API examples")).ToContainTextAsync("/api/bots/publish-bank/production/parse");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "publish.png"), FullPage = true });

            await page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }).ClickAsync();
            await page.GetByLabel("Key name").FillAsync("browser");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            var secret = (await page.GetByLabel("New key").Locator(".mono").InnerTextAsync()).Trim();
            Assert.StartsWith("stu_", secret);

            using var runtime = new HttpClient { BaseAddress = server.BaseAddress }; // no account: the key alone
            runtime.DefaultRequestHeaders.Add("X-Api-Key", secret);
            var reply = await runtime.PostAsJsonAsync("/api/bots/publish-bank/production/conversations/browser-1/messages", new { text = "I lost my card" });
            var body = await reply.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("card_lost_or_stolen", body.GetProperty("understanding").GetProperty("intent").GetString());

            await page.GetByRole(AriaRole.Tab, new() { Name = "Transcripts" }).ClickAsync();
            // The transcript writer stores turns within a moment; refresh until it shows.
            var table = page.GetByLabel("Served conversations");
            for (var attempt = 0; attempt < 30 && !await table.IsVisibleAsync(); attempt++)
            {
                await page.WaitForTimeoutAsync(500);
                await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            }

            await Expect(table).ToContainTextAsync("browser-1");
            await page.GetByText("browser-1").ClickAsync();
            await Expect(page.GetByText("User: I lost my card")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "transcripts.png"), FullPage = true });
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
