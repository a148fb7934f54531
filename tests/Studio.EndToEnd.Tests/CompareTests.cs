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
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "compare-bank", templateId = "banking" });

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/compare-bank/compare").ToString());
            await page.GetByRole(AriaRole.Tab, new() { Name = "Comparison runs" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Run comparison" }).ClickAsync();

            await Expect(page.GetByLabel("Recommendation")).ToContainTextAsync("Recommended:", new() { Timeout = 120_000 });
            await Expect(page.GetByLabel("Comparison results").Locator("tbody tr")).ToHaveCountAsync(3);
            // Plotly draws both charts as SVG: the cost chart has one marker per setup.
            await Expect(page.Locator("#accuracy-cost .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.Locator("#latency .main-svg").First).ToBeVisibleAsync();
            // Every setup here is free: accuracy is plotted against latency, each setup its own trace named in the legend.
            await Expect(page.Locator("#accuracy-cost .scatterlayer .point")).ToHaveCountAsync(3); // one marker per setup
            await Expect(page.Locator("#accuracy-cost .scatterlayer .trace")).ToHaveCountAsync(4); // three setups and the frontier line
            await Expect(page.Locator("#accuracy-cost .legend .traces")).ToHaveCountAsync(4);
            await Expect(page.Locator("#accuracy-cost .scatterlayer .textpoint")).ToHaveCountAsync(0); // no labels on the markers to overlap
            await Expect(page.GetByTestId("accuracy-axis-why")).ToContainTextAsync("free to run");
            await Expect(page.GetByLabel("Recommendation")).Not.ToContainTextAsync("instead of 0 ");
            await Expect(page.GetByLabel("Recommendation")).Not.ToContainTextAsync("at 0 per 1,000");
            await Expect(page.Locator("#latency .boxlayer .trace")).ToHaveCountAsync(3); // one latency distribution per setup
            await Expect(page.Locator("#per-intent-f1 .barlayer .trace")).ToHaveCountAsync(3); // F1 per intent, one series per setup
            await Expect(page.Locator("#confusion .main-svg").First).ToBeVisibleAsync();
            await Expect(page.Locator("#confusion .heatmaplayer image, #confusion .imagelayer image").First).ToBeAttachedAsync();
            // Every intent of the run is named on both axes of the heatmap.
            var runs = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/studio/bots/compare-bank/comparisons");
            var run = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/studio/bots/compare-bank/comparisons/{runs[0].GetProperty("id").GetInt64()}");
            var labels = run.GetProperty("outcome").GetProperty("details")[0].GetProperty("confusion").GetProperty("labels").GetArrayLength();
            const string tickNames = "ticks => [...new Set(ticks.map(t => t.textContent))].length";
            Assert.Equal(labels, await page.Locator("#confusion .xtick text").EvaluateAllAsync<int>(tickNames));
            Assert.Equal(labels, await page.Locator("#confusion .ytick text").EvaluateAllAsync<int>(tickNames));
            // The messages table is paged.
            var cases = run.GetProperty("outcome").GetProperty("cases").GetArrayLength();
            await Expect(page.GetByLabel("Comparison cases").Locator("tbody tr")).ToHaveCountAsync(Math.Min(25, cases));
            await Expect(page.Locator(".mud-table-pagination")).ToContainTextAsync($"of {cases}");
            // No column is clipped: the messages table fits its page without sideways scrolling.
            Assert.True(await page.Locator(".comparison-cases .mud-table-container").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1"), "the messages table scrolls sideways");
            await Expect(page.Locator("#threshold-0 .scatterlayer .trace")).ToHaveCountAsync(3); // accuracy, escalated share, latency
            // The cascade's best threshold is told once: in the recommendation when it is the cascade, else in its own box.
            await Expect(page.Locator(".mud-alert").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("At threshold [0-9.]+ the cascade") })).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "compare.png"), FullPage = true });

            // The run is stored: a reload shows it again, with the revision it ran on.
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Tab, new() { Name = "Comparison runs" }).ClickAsync();
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
            // Blind, nothing gives the setups away: no intent, no latency, no token counts until the vote.
            await Expect(page.Locator(".turn-figures")).ToHaveCountAsync(0);
            await Expect(page.GetByLabel("Column A")).Not.ToContainTextAsync(" ms");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "side-by-side.png"), FullPage = true });
            await page.GetByRole(AriaRole.Button, new() { Name = "A is best" }).ClickAsync();

            await Expect(page.GetByText("Recorded:")).ToBeVisibleAsync();
            await Expect(page.Locator(".turn-figures")).ToHaveCountAsync(2); // revealed with the vote
            await Expect(page.GetByLabel("Leaderboard table").Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(page.GetByText("1 pairwise votes")).ToBeVisibleAsync();

            // The next message starts a new blind round; neither reply better is a tie, half a win to each side.
            await page.GetByLabel("Side by side message").FillAsync("what's my balance");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tie: equally good" }).ClickAsync(new() { Timeout = 120_000 });
            await Expect(page.GetByText("Recorded: a tie between")).ToBeVisibleAsync();
            await Expect(page.GetByText("2 pairwise votes")).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Leaderboard table").Locator("tbody tr").First.Locator("td").Nth(4)).ToHaveTextAsync("1"); // one tie each
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

    [Fact]
    public async Task LadderWalk_GoesFromTheStoriesModelDown_ChartsTheWalk_AndItsRecommendationIsApplied()
    {
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "ladder-bank", templateId = "banking" });

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/ladder-bank/compare").ToString());
            await Expect(page.GetByText("No walk yet")).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Rungs to walk")).ToContainTextAsync("stories (size not given) → encoder (22.7M) → ngram (hashed n-grams)");
            // A few messages of the designer's own: the story model takes seconds for each.
            var panel = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Ladder walk" });
            await panel.GetByText("Uploaded CSV").ClickAsync();
            const string csv = "text,label\nI lost my card,card_lost_or_stolen\nwhat's my balance,check_balance\nmy card still hasn't arrived,card_arrival\n"
                + "someone stole my card,card_lost_or_stolen\nhow much money do I have,check_balance\n";
            await panel.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "ladder.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
            await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "ladder.csv" })).ToBeVisibleAsync();
            await page.GetByTestId("walk-ladder").ClickAsync();

            var recommendation = page.GetByLabel("Ladder recommendation");
            await Expect(recommendation).ToContainTextAsync("Serve", new() { Timeout = 300_000 });
            var steps = page.GetByTestId("ladder-step");
            await Expect(steps.First).ToContainTextAsync("stories");
            await Expect(steps.Nth(1)).ToContainTextAsync("encoder");
            await Expect(steps.Nth(2)).ToContainTextAsync("ngram");
            await Expect(steps.First).ToContainTextAsync("below the tolerance"); // a 260K-parameter story model does not read banking intents
            await Expect(steps.Nth(1)).ToContainTextAsync("holds");
            // One chart: the rungs' accuracy (with the tolerance line) and, all rungs being free, their time per message.
            await Expect(page.Locator("#ladder-walk .main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.Locator("#ladder-walk .barlayer .trace")).ToHaveCountAsync(1);
            await Expect(page.Locator("#ladder-walk .scatterlayer .trace")).ToHaveCountAsync(2);
            await Expect(page.GetByText("Every rung here is free to run")).ToBeVisibleAsync();
            // The prompt of the largest model, examples for the smallest, and the template's documents.
            await Expect(page.GetByTestId("ladder-lever")).ToHaveCountAsync(3);
            await Expect(page.GetByTestId("ladder-lever").Filter(new() { HasText = "Answer questions from the documents" })).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("ladder-lever").First).ToContainTextAsync("stories(prompt=terse)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "ladder.png"), FullPage = true });

            var served = (await recommendation.Locator(".mono").First.TextContentAsync())!.Trim();
            await recommendation.GetByRole(AriaRole.Button, new() { Name = "Use for this bot" }).ClickAsync();
            await Expect(page.GetByText("Saved in the bot's models section").First).ToBeVisibleAsync();
            var bot = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/studio/bots/ladder-bank");
            var models = bot.GetProperty("bot").GetProperty("models");
            if (served.StartsWith("cascade:", StringComparison.Ordinal))
            {
                Assert.Equal("ngram", models.GetProperty("cascade").GetProperty("small").GetString());
            }
            else
            {
                Assert.Equal(served, models.GetProperty("intent").GetString());
            }

            // The last lever runs: a cross-validation of the smallest rung's intents, shown on the Quality page.
            // The levers are redrawn once the applied setup is saved; a click that lands on the button being replaced is lost,
            // so it is made again, a bounded number of times, until the page moves.
            for (var attempt = 1; ; attempt++)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Cross-validate intents on ngram" }).ClickAsync();
                try
                {
                    await page.WaitForURLAsync("**/bots/ladder-bank/quality", new() { Timeout = 15_000 });
                    break;
                }
                catch (TimeoutException) when (attempt < 4 && !page.Url.EndsWith("/quality", StringComparison.Ordinal))
                {
                }
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task TeacherLabels_ThePastedMessagesAreLabelledByTheEncoder_CorrectedAccepted_AndTheStudentComparedBeforeAndAfter()
    {
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "teach-bank", templateId = "banking" });

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/teach-bank/compare").ToString());
            await page.GetByRole(AriaRole.Tab, new() { Name = "Teacher labels" }).ClickAsync();
            var panel = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Teacher labels" });
            await Expect(panel.GetByText("No teaching run yet")).ToBeVisibleAsync();
            await panel.GetByTestId("teach-messages").FillAsync("my card has gone missing\nhow much is in my account\nsend 50 pounds to my sister\npurple elephants dance at noon");
            await panel.GetByTestId("teach-start").ClickAsync();

            // The encoder is the default teacher; the draft is trained first, then each message labelled.
            await Expect(panel.GetByTestId("teach-counts")).ToContainTextAsync("4 labelled", new() { Timeout = 120_000 });
            var rows = panel.GetByTestId("teach-item");
            await Expect(rows).ToHaveCountAsync(4);
            await Expect(rows.Filter(new() { HasText = "my card has gone missing" })).ToContainTextAsync("card_lost_or_stolen");

            await panel.GetByRole(AriaRole.Button, new() { Name = "Reject purple elephants dance at noon" }).ClickAsync();
            await Expect(rows.Filter(new() { HasText = "purple elephants" })).ToContainTextAsync("rejected");
            var transfer = rows.Filter(new() { HasText = "send 50 pounds to my sister" });
            await transfer.Locator(".mud-select").First.ClickAsync();
            await page.Locator(MudSelects.OpenList).GetByText("transfer_money", new() { Exact = true }).ClickAsync();
            await Expect(transfer).ToContainTextAsync(new System.Text.RegularExpressions.Regex("accepted|corrected to transfer_money"));
            await panel.GetByTestId("teach-accept-shown").ClickAsync();
            await Expect(panel.GetByTestId("teach-counts")).ToContainTextAsync("3 accepted");
            await Expect(rows.Filter(new() { HasText = "purple elephants" })).ToContainTextAsync("rejected"); // a bulk accept leaves a rejection alone

            await panel.GetByTestId("teach-apply").ClickAsync();
            await Expect(panel.GetByTestId("teach-counts")).ToContainTextAsync("3 added as examples");
            await panel.GetByTestId("teach-compare").ClickAsync();
            await Expect(panel.GetByTestId("teach-delta")).ToContainTextAsync("ngram", new() { Timeout = 300_000 });
            await Expect(panel.GetByLabel("Before and after teaching")).ToContainTextAsync("The teacher encoder");
            await Expect(page.Locator("#teaching-before-after .barlayer .trace")).ToHaveCountAsync(2); // before and after
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "teacher-labels.png"), FullPage = true });

            var bot = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/studio/bots/teach-bank");
            var intent = bot.GetProperty("bot").GetProperty("intents").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "transfer_money");
            Assert.Contains("send 50 pounds to my sister", intent.GetProperty("examples").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("encoder", intent.GetProperty("taught").EnumerateArray().Single(t => t.GetProperty("example").GetString() == "send 50 pounds to my sister").GetProperty("teacher").GetString());

            // The intents editor shows which examples were taught, and by whom.
            var studio = new StudioPage(page, server.BaseAddress);
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/teach-bank/intents").ToString());
            await studio.OpenIntentAsync("transfer_money");
            await Expect(studio.Examples.Locator("li").Filter(new() { HasText = "send 50 pounds to my sister" }).GetByTestId("taught-chip")).ToContainTextAsync("taught by encoder");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
