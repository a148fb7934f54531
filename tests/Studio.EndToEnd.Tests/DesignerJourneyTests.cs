using Microsoft.Playwright;
using Studio.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>A designer's first session, in a real browser against the real app on loopback.</summary>
public sealed class DesignerJourneyTests(StudioServer server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task BotFromBankingTemplate_WithANewIntentAndThreeExamples_IsStillThereAfterReload()
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var signedIn = await context.NewPageAsync();
        await server.SignInAsync(signedIn);
        var studio = new StudioPage(signedIn, server.BaseAddress);
        string[] examples = ["I need a new cheque book", "can you post me some more cheques", "order a chequebook for my current account"];
        try
        {
            await studio.OpenBotsAsync();
            await studio.CreateBotAsync("e2e-bank");
            await Expect(studio.IntentList.GetByRole(AriaRole.Button)).ToHaveCountAsync(24);
            await studio.AddIntentAsync("order_cheque_book");
            foreach (var example in examples)
            {
                await studio.AddExampleAsync(example);
            }

            await studio.Page.ReloadAsync();
            await studio.OpenIntentAsync("order_cheque_book");

            foreach (var example in examples)
            {
                await Expect(studio.Examples.GetByText(example, new() { Exact = true })).ToBeVisibleAsync();
            }

            await Expect(studio.Page.GetByText("Examples (3)")).ToBeVisibleAsync();
            await Expect(studio.Page.GetByText("25 intents")).ToBeVisibleAsync();

            // Removing an example is one click, and Undo brings it back.
            await studio.Page.GetByLabel($"Remove example: {examples[1]}").ClickAsync();
            await Expect(studio.Page.GetByText("Examples (2)")).ToBeVisibleAsync();
            await studio.Page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Expect(studio.Page.GetByText("Examples (3)")).ToBeVisibleAsync();
            await Expect(studio.Examples.GetByText(examples[1], new() { Exact = true })).ToBeVisibleAsync();
        }
        finally
        {
            var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "intents-after-reload.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await studio.Page.ScreenshotAsync(new() { Path = screenshot });
            output.WriteLine($"Screenshot: {screenshot}");
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task AResponse_WrittenOnTheResponsesPage_IsPreviewedLinted_AndSaved()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/studio/bots", new { id = "responses-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/responses-bank/responses").ToString());
            await page.GetByLabel("Edit response greeting").ClickAsync();
            await Expect(page.GetByLabel("Response greeting", new() { Exact = true })).ToContainTextAsync("intent greeting (said when it is understood outside a flow)");

            var form = page.GetByLabel("New response", new() { Exact = true });
            await form.GetByLabel("Response name").FillAsync("branch_hours");
            await form.GetByLabel("Variation 1", new() { Exact = true }).FillAsync("Our {branch|nearest} branch opens at **9:00**.");
            await form.GetByLabel("Links, one per line (Title = https://…)").FillAsync("Find a branch = https://example.com/branches/{branch}");
            await Expect(form.GetByLabel("Previewed reply")).ToHaveTextAsync("Our nearest branch opens at 9:00.");
            await form.GetByLabel(new System.Text.RegularExpressions.Regex("^Sample values")).FillAsync("branch = Leeds");
            await Expect(form.GetByLabel("Previewed reply")).ToHaveTextAsync("Our Leeds branch opens at 9:00.");
            await Expect(form.GetByRole(AriaRole.Link, new() { Name = "Find a branch" })).ToHaveAttributeAsync("href", "https://example.com/branches/Leeds");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add response" }).ClickAsync();

            await page.GetByLabel("Edit response branch_hours").ClickAsync();
            var saved = page.GetByLabel("Response branch_hours", new() { Exact = true });
            await Expect(saved).ToBeVisibleAsync();
            // Nothing in the bot fills {branch}: the lint says so, and the save still went through.
            await Expect(saved).ToContainTextAsync("the bot has no slot 'branch'");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "responses.png"), FullPage = true });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task AnEntityMarkedInAnExample_TeachesItsListEntity_AndTheTestConsoleShowsTheSpan()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/studio/bots", new { id = "marks-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await server.SignInAsync(page);
        var studio = new StudioPage(page, server.BaseAddress);
        const string example = "my amex went missing on the train";
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/marks-bank/intents").ToString());
            await studio.OpenIntentAsync("card_lost_or_stolen");
            await studio.AddExampleAsync(example);

            await page.GetByLabel($"Mark entities in example: {example}").ClickAsync();
            var marker = page.GetByLabel($"Mark entities in: {example}");
            await marker.GetByRole(AriaRole.Group, new() { Name = "Words" }).GetByRole(AriaRole.Button, new() { Name = "amex", Exact = true }).ClickAsync();
            await marker.GetByLabel("Entity").ChooseAsync("card_type");
            await marker.GetByLabel("Value, if not the words themselves").FillAsync("credit");
            await marker.GetByRole(AriaRole.Button, new() { Name = "Mark", Exact = true }).ClickAsync();

            await Expect(marker.GetByLabel("Marks")).ToContainTextAsync("“amex” → card_type = credit");
            await Expect(studio.Examples.GetByLabel("amex: card_type = credit")).ToBeVisibleAsync();
            using (var http = await server.CreateStudioClientAsync())
            {
                var draft = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(http, "/api/studio/bots/marks-bank");
                var examples = draft.GetProperty("bot").GetProperty("intents").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "card_lost_or_stolen")
                    .GetProperty("examples").EnumerateArray().Select(e => e.GetString());
                Assert.Contains("my [amex](card_type:credit) went missing on the train", examples);
            }

            // Trained, the bot finds "amex" as the credit card type, and the test console marks where.
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/marks-bank/test").ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Train", Exact = true }).ClickAsync();
            await Expect(page.GetByText("Trained on revision")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await page.GetByRole(AriaRole.Tab, new() { Name = "Analyze a message" }).ClickAsync();
            await page.GetByLabel("Message", new() { Exact = true }).FillAsync("has my amex been blocked");
            await page.GetByRole(AriaRole.Button, new() { Name = "Analyze" }).ClickAsync();
            await Expect(page.GetByLabel("Entity spans").GetByLabel("amex: card_type = credit")).ToBeVisibleAsync();
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "entity-marks.png"), FullPage = true });
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task StudioPageAndBotSchema_AreServedOverHttp()
    {
        using var http = await server.CreateStudioClientAsync();

        var page = await http.GetStringAsync("/");
        var schema = await http.GetStringAsync("/schemas/bot.schema.json");
        var mudBlazorCss = await http.GetAsync("/_content/MudBlazor/MudBlazor.min.css");

        Assert.Contains("<title>Studio</title>", page);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "wwwroot", "schemas", "bot.schema.json")), schema);
        Assert.True(mudBlazorCss.IsSuccessStatusCode);
    }
}
