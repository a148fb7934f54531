using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>
/// The web chat on a customer's page, served from another loopback origin than the studio: a conversation with a button
/// click that survives a reload, refusals the widget explains in one line, and the studio's "Try on a page".
/// </summary>
public sealed class WebChatTests(StudioServer server, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    private const string Bot = "widget-bank";

    private const string Hostile = "Goodbye <img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script> **take care** [more](javascript:window.pwned=3)";

    [Fact]
    public async Task APageOnAnotherOrigin_HoldsAConversation_WithAButton_ThatContinuesAfterAReload()
    {
        using var site = new CustomerSite();
        var key = await PublishAsync(site.Origin);
        site.Page("/", CustomerSite.WithChat(server.BaseAddress, Bot, "production", key));
        site.Page("/wrong-key", CustomerSite.WithChat(server.BaseAddress, Bot, "production", "stu_pk_not-a-key"));
        site.Page("/wrong-bot", CustomerSite.WithChat(server.BaseAddress, "no-such-bot", "production", key));
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        try
        {
            await page.GotoAsync(site.Origin + "/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            var chat = page.GetByRole(AriaRole.Dialog);
            var log = chat.GetByRole(AriaRole.Log);
            var message = chat.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await Expect(message).ToBeEnabledAsync();
            await Expect(message).ToBeFocusedAsync(); // opened from the keyboard's point of view: typing goes to the chat
            await page.Keyboard.TypeAsync("hello");
            await page.Keyboard.PressAsync("Enter");
            var lostCard = chat.GetByRole(AriaRole.Group, new() { Name = "Choices" }).GetByRole(AriaRole.Button, new() { Name = "I lost my card" });
            await Expect(lostCard).ToBeVisibleAsync();

            // The page's own rules (red 40px buttons) do not reach the chat, and the chat adds no style to the page.
            Assert.NotEqual("rgb(255, 0, 0)", await lostCard.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
            Assert.Equal(1, await page.EvaluateAsync<int>("() => document.querySelectorAll('style, link[rel=stylesheet]').length"));

            await lostCard.ClickAsync();
            await Expect(log).ToContainTextAsync("last four digits");
            await Expect(log.Locator(".user")).ToHaveCountAsync(2);

            await page.ReloadAsync();
            chat = page.GetByRole(AriaRole.Dialog);
            log = chat.GetByRole(AriaRole.Log);
            message = chat.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await Expect(log).ToContainTextAsync("last four digits"); // what was said is still on the page
            await Expect(message).ToBeEnabledAsync();
            await message.FillAsync("it ends in 4821");
            await message.PressAsync("Enter");
            await Expect(log).ToContainTextAsync("card ending 4821"); // the same conversation, continued on the server

            // Over the runtime's limit: stopped in the chat, with the limit.
            var limit = await LimitAsync(key, site.Origin);
            await message.FillAsync(new string('a', limit + 1));
            await Expect(chat.GetByRole(AriaRole.Alert)).ToContainTextAsync($"at most {limit} characters");
            await Expect(chat.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeDisabledAsync();
            await message.FillAsync("");

            // Markup in a reply is shown as its words; bold is bold; a javascript: link is not a link.
            await message.FillAsync("bye");
            await message.PressAsync("Enter");
            await Expect(log).ToContainTextAsync("<img src=x onerror=");
            await Expect(log.Locator(".bot strong", new() { HasText = "take care" })).ToHaveCountAsync(1);
            Assert.Equal(0, await log.Locator(".bot img, .bot script, .bot a[href^='javascript']").CountAsync());
            Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));

            // Themed from the page with a CSS variable, which crosses into the chat's shadow root.
            await page.EvaluateAsync("() => document.querySelector('studio-chat').style.setProperty('--studio-chat-accent', 'rgb(1, 2, 3)')");
            Assert.Equal("rgb(1, 2, 3)", await chat.GetByRole(AriaRole.Button, new() { Name = "Send" }).EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "web-chat.png") });
            await MeasureAsync(page, key);

            foreach (var (path, origin, why) in new[]
            {
                ("/", site.OtherOrigin, "is not allowed on a page on " + site.OtherOrigin),
                ("/wrong-key", site.Origin, "its key is missing, unknown or revoked"),
                ("/wrong-bot", site.Origin, "may not call this bot"),
            })
            {
                await page.GotoAsync(origin + path);
                await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
                var refused = page.GetByRole(AriaRole.Dialog);
                await Expect(refused.GetByRole(AriaRole.Alert)).ToContainTextAsync(why);
                await Expect(refused.GetByRole(AriaRole.Textbox, new() { Name = "Message" })).ToBeDisabledAsync();
                await Expect(refused.GetByRole(AriaRole.Log).Locator(".msg")).ToHaveCountAsync(0); // one line, not a broken bubble
            }

            // The refused calls show as failed requests in the console; nothing else may.
            Assert.All(errors, e => Assert.Contains("status of 40", e, StringComparison.Ordinal));
        }
        catch
        {
            output.WriteLine(server.Log[^Math.Min(server.Log.Length, 6000)..]);
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task AReplyAModelWrites_ShowsWhileItIsWritten()
    {
        using var site = new CustomerSite();
        var key = await PublishAsync(site.Origin, bot: "stream-bank", generation: "stories");
        site.Page("/", CustomerSite.WithChat(server.BaseAddress, "stream-bank", "production", key));
        var page = await browser.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync(site.Origin + "/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
            var message = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await Expect(message).ToBeEnabledAsync();
            await page.EvaluateAsync("() => window.StudioChat.send('hello')");

            var pieces = await page.EvaluateAsync<int>("() => window.StudioChat.timings[0].pieces");
            Assert.True(pieces > 1, $"the reply came in {pieces} piece(s), not as it was written");
            await Expect(page.GetByRole(AriaRole.Log).Locator(".bot")).Not.ToHaveCountAsync(0);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task TryOnAPage_InTheStudio_ShowsTheTag_AndALiveChat()
    {
        await PublishAsync("http://unused.example", bot: "try-bank");
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/try-bank/publish").ToString());
            await page.GetByRole(AriaRole.Tab, new() { Name = "Web chat" }).ClickAsync();
            await page.GetByTestId("webchat-create").ClickAsync(); // the allowed sites start as this studio's own address
            await Expect(page.GetByTestId("webchat-tag")).ToContainTextAsync("data-bot=\"try-bank\"");
            await Expect(page.GetByTestId("webchat-tag")).ToContainTextAsync("/widget.js");

            var preview = page.FrameLocator("[data-testid=webchat-preview]");
            var message = preview.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
            await Expect(message).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await message.FillAsync("hello");
            await message.PressAsync("Enter");
            await Expect(preview.GetByRole(AriaRole.Group, new() { Name = "Choices" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "try-on-a-page.png"), FullPage = true });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>
    /// The first reply's time on the page against the API's own: the same messages sent by the widget (send to bubble)
    /// and by a bare fetch from the same page, medians side by side. Printed, not asserted: it is a measurement.
    /// </summary>
    private async Task MeasureAsync(IPage page, string key)
    {
        const int rounds = 12;
        await page.EvaluateAsync("() => window.StudioChat.timings.length = 0");
        var url = new Uri(server.BaseAddress, $"/api/bots/{Bot}/production/conversations/bare-{Guid.NewGuid():N}/messages").ToString();
        var bare = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            // Taken in turns, so both see the same machine: the widget's message, then the same message sent bare.
            // Sent from inside the page, as the bare call is, so the test's own driving of the browser is in neither figure.
            await page.EvaluateAsync("() => window.StudioChat.send('hello')");
            bare[i] = await page.EvaluateAsync<double>(
                """
                async ([url, key]) => {
                  const started = performance.now();
                  const response = await fetch(url, { method: 'POST', mode: 'cors', credentials: 'omit',
                    headers: { 'Content-Type': 'application/json', 'X-Api-Key': key }, body: JSON.stringify({ text: 'hello' }) });
                  await response.json();
                  return performance.now() - started;
                }
                """, new object[] { url, key });
        }

        var widget = await page.EvaluateAsync<double[]>("() => window.StudioChat.timings.map(t => t.shownMs)");
        var answered = await page.EvaluateAsync<double[]>("() => window.StudioChat.timings.map(t => t.answeredMs)");
        var serverSide = await page.EvaluateAsync<double[]>("() => window.StudioChat.timings.map(t => t.serverMs)");
        double Median(double[] xs) => xs.Order().ElementAt(xs.Length / 2);
        output.WriteLine($"web chat first reply on the page: median {Median(widget):F1} ms; the API called from the same page: median {Median(bare):F1} ms; "
            + $"ratio {Median(widget) / Median(bare):F2} (target <= 1.5); the widget's answer arrived at {Median(answered):F1} ms, the server's own time {Median(serverSide):F1} ms");
        Assert.Equal(rounds, widget.Length);
    }

    private async Task<int> LimitAsync(string key, string origin)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        http.DefaultRequestHeaders.Add("Origin", origin);
        return (await http.GetFromJsonAsync<JsonElement>($"/api/bots/{Bot}/production/widget")).GetProperty("maxMessageLength").GetInt32();
    }

    /// <summary>Publishes the banking template and makes a publishable key for it that allows <paramref name="origin"/>.</summary>
    /// <param name="generation">A model that writes the replies in its own words (<c>+generation:</c>).</param>
    private async Task<string> PublishAsync(string origin, string bot = Bot, string? generation = null)
    {
        using var http = await server.CreateStudioClientAsync();
        (await http.PostAsJsonAsync("/api/studio/bots", new { id = bot, templateId = "banking" })).EnsureSuccessStatusCode();
        // A designer's reply that holds markup: the chat must show it as words, never run it.
        var draft = (await http.GetFromJsonAsync<JsonNode>($"/api/studio/bots/{bot}"))!;
        var goodbye = draft["bot"]!["responses"]!.AsArray().Single(r => (string?)r!["name"] == "goodbye")!;
        goodbye["variations"] = new JsonArray(Hostile);
        if (generation is not null)
        {
            draft["bot"]!["models"] ??= new JsonObject();
            draft["bot"]!["models"]!["generation"] = generation;
        }

        (await http.PutAsJsonAsync($"/api/studio/bots/{bot}", new { revision = (int)draft["revision"]!, bot = draft["bot"] })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/studio/bots/{bot}/publish", new { alias = "production", overrideReason = "the demo bank's API is not reachable in tests" })).EnsureSuccessStatusCode();
        var key = await http.PostAsJsonAsync("/api/studio/keys",
            new { name = "shop", kind = "publishable", bots = new[] { bot }, alias = "production", origins = new[] { origin }, conversationRequestsPerMinute = 0 });
        key.EnsureSuccessStatusCode();
        return (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
