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
            // The key is shown once, with a button that copies it.
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Copy the key" }).ClickAsync();
            await Expect(page.GetByLabel("New key").Locator(".mud-icon-button svg")).ToBeVisibleAsync();
            string copied = "";
            for (var attempt = 0; attempt < 100 && copied != secret; attempt++)
            {
                copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            }

            Assert.Equal(secret, copied);

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

    [Fact]
    public async Task AMisreadServedTurn_ReviewedInTheInbox_BecomesAnExample_AndTheRetrainedBotReadsItRight()
    {
        const string message = "What is the daily ATM withdrawal limit?";
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "inbox-bank", templateId = "banking" });
        (await http.PostAsJsonAsync("/api/studio/bots/inbox-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var key = await (await http.PostAsJsonAsync("/api/studio/keys", new { name = "inbox", bots = new[] { "inbox-bank" } })).Content.ReadFromJsonAsync<JsonElement>();
        using var runtime = new HttpClient { BaseAddress = server.BaseAddress };
        runtime.DefaultRequestHeaders.Add("X-Api-Key", key.GetProperty("key").GetString());
        var served = await (await runtime.PostAsJsonAsync("/api/bots/inbox-bank/production/conversations/inbox-1/messages", new { text = message }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var misread = served.GetProperty("understanding").TryGetProperty("intent", out var intent) ? intent.GetString() : null;
        var right = misread == "fees_and_charges" ? "check_balance" : "fees_and_charges";
        // The transcript writer stores turns off the request path; wait for the turn itself, not for a time.
        for (var attempt = 0; attempt < 100 && !(await http.GetStringAsync("/api/studio/bots/inbox-bank/inbox?below=1")).Contains(message, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/inbox-bank/inbox").ToString());
            await page.GetByLabel("Low confidence: below").FillAsync("1");
            await page.GetByLabel("Low confidence: below").PressAsync("Tab");
            var item = page.GetByTestId("inbox-item").Filter(new() { HasText = message });
            await Expect(item).ToBeVisibleAsync();
            await item.ClickAsync();
            await page.GetByLabel("Review this turn").GetByLabel("Right intent", new() { Exact = true }).Locator("visible=true").First.ChooseAsync(right);
            await item.ClickAsync(); // back on the list, where the keys act
            await page.Keyboard.PressAsync("a");

            var reviewed = page.GetByLabel("Reviewed turns");
            await Expect(reviewed).ToContainTextAsync($"example of {right}");
            var draft = await http.GetFromJsonAsync<JsonElement>("/api/studio/bots/inbox-bank");
            Assert.Contains(message, draft.GetProperty("bot").GetProperty("intents").EnumerateArray().Single(i => i.GetProperty("name").GetString() == right)
                .GetProperty("examples").EnumerateArray().Select(e => e.GetString()));

            await page.GetByTestId("inbox-check").ClickAsync();
            await Expect(page.GetByTestId("inbox-check-result")).ToContainTextAsync("now gets 1 of 1 reviewed messages right", new() { Timeout = 180_000 });
            Assert.NotEqual(right, misread); // it was misread when served, and is read right now
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "review-inbox.png"), FullPage = true });

            await reviewed.GetByRole(AriaRole.Button, new() { Name = "Undo" }).First.ClickAsync();
            await Expect(reviewed).ToHaveCountAsync(0);
            await Expect(item).ToBeVisibleAsync();
            draft = await http.GetFromJsonAsync<JsonElement>("/api/studio/bots/inbox-bank");
            Assert.DoesNotContain(message, draft.GetProperty("bot").GetProperty("intents").EnumerateArray().SelectMany(i => i.GetProperty("examples").EnumerateArray().Select(e => e.GetString())));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task AfterAPublish_TheAliasPickerOffersTheNewVersion_AndMovingAServingAliasAsksFirst()
    {
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "rollback-bank", templateId = "banking" });
        (await http.PostAsJsonAsync("/api/studio/bots/rollback-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
        var draft = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/studio/bots/rollback-bank");
        draft!["bot"]!["intents"]![0]!["examples"]!.AsArray().Add("a second release needs a new example");
        (await http.PutAsJsonAsync("/api/studio/bots/rollback-bank", new { bot = draft["bot"], revision = draft["revision"] })).EnsureSuccessStatusCode();
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        async Task<int> ProductionAsync() =>
            (await http.GetFromJsonAsync<JsonElement>("/api/studio/bots/rollback-bank/aliases")).EnumerateArray()
                .Single(a => a.GetProperty("name").GetString() == "production").GetProperty("version").GetInt32();
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/rollback-bank/publish").ToString());
            await Expect(page.GetByLabel("Published versions").Locator("tbody tr")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
            await Expect(page.GetByText("Published version 2")).ToBeVisibleAsync(new() { Timeout = 120_000 });

            var picker = page.GetByLabel("Alias version", new() { Exact = true }).Locator("visible=true").First;
            var shown = "";
            for (var attempt = 0; attempt < 150 && shown != "2"; attempt++, await page.WaitForTimeoutAsync(100))
            {
                shown = (await picker.EvaluateAsync<string?>("e => e.value ?? e.textContent") ?? "").Trim();
            }

            Assert.Equal("2", shown); // the newest, not the version it replaced

            // The diff of the two versions shows line by line, the added example on a line of its own, within the page.
            await page.GetByRole(AriaRole.Button, new() { Name = "Show differences" }).ClickAsync();
            var diff = page.GetByLabel("Diff lines");
            var added = diff.Locator(".diff-line[data-kind=added]");
            await Expect(added.Filter(new() { HasText = "a second release needs a new example" })).ToHaveCountAsync(1);
            Assert.True(await diff.Locator(".diff-line").CountAsync() > 3);
            var box = (await diff.BoundingBoxAsync())!;
            Assert.True(await diff.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1"), "the diff runs off the page");
            Assert.True((await added.First.BoundingBoxAsync())!.Height < box.Height); // a line, not the whole diff on one
            await picker.ChooseAsync("1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Point alias" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("'production' serves version 2 now");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            Assert.Equal(2, await ProductionAsync());

            await page.GetByRole(AriaRole.Button, new() { Name = "Point alias" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Point production at version 1" }).ClickAsync();
            await Expect(page.GetByLabel("Published versions")).ToContainTextAsync("production");
            for (var attempt = 0; attempt < 150 && await ProductionAsync() != 1; attempt++)
            {
                await page.WaitForTimeoutAsync(200); // the move is one server round trip after the click
            }

            Assert.Equal(1, await ProductionAsync());
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
