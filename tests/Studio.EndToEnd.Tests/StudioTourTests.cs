using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>Every area of the studio opens without error and says what it is; screenshots of each go to the test output.</summary>
public sealed class StudioTourTests(StudioServer server, BrowserFixture browser) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string> Areas => new()
    {
        { "/bots", "Bots" },
        { "/bots/tour-bank/intents", "Intents" },
        { "/bots/tour-bank/entities", "Entities" },
        { "/bots/tour-bank/quality", "Quality" },
        { "/bots/tour-bank/flows", "Flows" },
        { "/bots/tour-bank/knowledge", "Knowledge" },
        { "/bots/tour-bank/test", "Test" },
        { "/bots/tour-bank/compare", "Compare" },
        { "/bots/tour-bank/publish", "Publish" },
        { "/models", "Models" },
        { "/bots/no-such-bot/intents", "Intents" },
    };

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task Area_OpensWithItsHeading_AndNoError(string path, string heading)
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            // Idempotent set-up: 201 the first time, 409 afterwards.
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "tour-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, path).ToString());

            if (path.Contains("no-such-bot", StringComparison.Ordinal))
            {
                await Expect(page.GetByText("No such bot")).ToBeVisibleAsync();
            }
            else
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            }

            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        finally
        {
            var file = Path.Combine(AppContext.BaseDirectory, "screenshots", "tour" + path.Replace('/', '-') + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await page.ScreenshotAsync(new() { Path = file });
            await page.CloseAsync();
        }
    }
}
