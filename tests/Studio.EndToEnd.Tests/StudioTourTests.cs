using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>
/// Every page of the studio opens without error and says what it is, with nothing logged as an error in the browser console
/// and nothing fetched from another host (the studio runs offline); screenshots of each go to the test output.
/// </summary>
public sealed class StudioTourTests(StudioServer server, BrowserFixture browser) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string> Areas => new()
    {
        { "/bots", "Bots" },
        { "/bots/tour-bank/intents", "Intents" },
        { "/bots/tour-bank/entities", "Entities" },
        { "/bots/tour-bank/responses", "Responses" },
        { "/bots/tour-bank/actions", "Actions" },
        { "/bots/tour-bank/quality", "Quality" },
        { "/bots/tour-bank/flows", "Flows" },
        { "/bots/tour-bank/knowledge", "Knowledge" },
        { "/bots/tour-bank/test", "Test" },
        { "/bots/tour-bank/compare", "Compare" },
        { "/bots/tour-bank/publish", "Publish" },
        { "/bots/tour-bank/analytics", "Analytics" },
        { "/bots/tour-bank/inbox", "Review inbox" },
        { "/bots/tour-bank/privacy", "Privacy" },
        { "/models", "Models" },
        { "/users", "Users" },
        { "/api/reference", "" },
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
        var errors = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url) is { Scheme: "http" or "https" or "ws" or "wss" } url && url.Authority != server.BaseAddress.Authority)
            {
                lock (elsewhere)
                {
                    elsewhere.Add(request.Url);
                }
            }
        };
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, path).ToString());

            if (path == "/api/reference")
            {
                // The reference renders the OpenAPI document with the scripts served by the studio itself.
                await Expect(page.GetByText("/api/studio/bots").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            }
            else if (path.Contains("no-such-bot", StringComparison.Ordinal))
            {
                await Expect(page.GetByText("No such bot")).ToBeVisibleAsync();
            }
            else
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            }

            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            lock (errors)
            {
                Assert.Empty(errors);
            }

            lock (elsewhere)
            {
                Assert.Empty(elsewhere);
            }
        }
        finally
        {
            var file = Path.Combine(AppContext.BaseDirectory, "screenshots", "tour" + (path == "/api/reference" ? "-api-reference" : path).Replace('/', '-') + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await page.ScreenshotAsync(new() { Path = file });
            await page.CloseAsync();
        }
    }
}
