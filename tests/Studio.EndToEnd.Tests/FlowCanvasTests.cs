using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>Building a flow on the canvas, saving it, and chatting through it.</summary>
public sealed class FlowCanvasTests(StudioServer server, BrowserFixture browser) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ThreeNodeFlow_BuiltOnTheCanvas_RunsInTheChat()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "canvas-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/canvas-bank/flows").ToString());
            await page.GetByLabel("New flow name").FillAsync("welcome");
            await page.GetByRole(AriaRole.Button, new() { Name = "New flow" }).ClickAsync();
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(0); // the new, empty flow replaced lost_card on the canvas

            await AddNodeAsync(page, "trigger");
            await ChooseAsync(page, "Intent", "greeting");
            await AddNodeAsync(page, "say");
            await ChooseAsync(page, "Response", "greeting");
            await AddNodeAsync(page, "end");

            await SelectNodeAsync(page, "trigger: trigger1", "trigger1");
            await ChooseAsync(page, "Next", "say1");
            await SelectNodeAsync(page, "say: say1", "say1");
            await ChooseAsync(page, "Next", "end1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save flow" }).ClickAsync();
            await Expect(page.GetByText("Flow saved")).ToBeVisibleAsync();
            await Expect(page.Locator(".diagram-link")).ToHaveCountAsync(2);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "flow-canvas.png") });

            await page.ReloadAsync();
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(4); // lost_card is shown first: 4 nodes
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/canvas-bank/test").ToString());
            var train = page.GetByRole(AriaRole.Button, new() { Name = "Train", Exact = true });
            await train.ClickAsync();
            await Expect(page.GetByText("Trained on revision")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await page.GetByLabel("Say something").FillAsync("hello there");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

            await Expect(page.GetByText("Trace: greeting → welcome/trigger1 → welcome/say1 → welcome/end1")).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Bot reply").Last).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^(Hi!|Hello!)"));
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "flow-canvas-end.png") });
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task BranchConditions_AreEditedInTheSidePanel_AndShownOnTheirLinks()
    {
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "branch-bank", templateId = "banking" });
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/branch-bank/flows").ToString());
            await page.GetByLabel("New flow name").FillAsync("moods");
            await page.GetByRole(AriaRole.Button, new() { Name = "New flow" }).ClickAsync();
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(0);
            await AddNodeAsync(page, "trigger");
            await ChooseAsync(page, "Intent", "greeting");
            await AddNodeAsync(page, "say");
            await AddNodeAsync(page, "handoff");
            await AddNodeAsync(page, "branch");
            await RenameSelectedAsync(page, "mood");
            await SelectNodeAsync(page, "trigger: trigger1", "trigger1");
            await ChooseAsync(page, "Next", "mood");

            await SelectNodeAsync(page, "branch: mood", "mood");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add branch" }).ClickAsync();
            var first = page.GetByRole(AriaRole.Group, new() { Name = "Branch 1" });
            await ChooseAsync(page, "Go to", "handoff1", scope: first); // a new branch tests for a negative sentiment
            await page.GetByRole(AriaRole.Button, new() { Name = "Add branch" }).ClickAsync();
            var second = page.GetByRole(AriaRole.Group, new() { Name = "Branch 2" });
            await ChooseAsync(page, "Condition", "otherwise (always)", scope: second);
            await ChooseAsync(page, "Go to", "say1", scope: second);
            var canvas = page.GetByLabel("Flow canvas");
            await Expect(canvas.GetByText("sentiment is negative")).ToBeVisibleAsync();
            await Expect(canvas.GetByText("otherwise", new() { Exact = true })).ToBeVisibleAsync();
            // Renaming a node keeps the branches that lead to it.
            await SelectNodeAsync(page, "say: say1", "say1");
            await RenameSelectedAsync(page, "reply");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save flow" }).ClickAsync();
            await Expect(page.GetByText("Flow saved")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "flow-branches.png") });

            var saved = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/studio/bots/branch-bank/export?format=json");
            var branch = saved.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "moods")
                .GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "mood");
            var branches = branch.GetProperty("branches").EnumerateArray().Select(b => string.Join(" ",
                new[] { "on", "operator", "value", "next" }.Select(p => b.TryGetProperty(p, out var v) && v.ValueKind != System.Text.Json.JsonValueKind.Null ? v.ToString() : "-"))).ToList();
            Assert.Equal(["sentiment equals negative handoff1", "sentiment otherwise - reply"], branches);

            await page.ReloadAsync();
            await ChooseAsync(page, "Flow", "moods");
            await Expect(page.GetByLabel("Flow canvas").GetByText("sentiment is negative")).ToBeVisibleAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task LeavingWithUnsavedCanvasEdits_AsksFirst_AndStayKeepsThem()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "unsaved-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/unsaved-bank/flows").ToString());
            await Expect(page.Locator(".diagram-node").First).ToBeVisibleAsync();
            var before = await page.Locator(".diagram-node").CountAsync();
            var intents = page.GetByRole(AriaRole.Link, new() { Name = "Intents" });

            await intents.ClickAsync(); // nothing changed yet: no question
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bots/unsaved-bank/intents$"));
            await page.GoBackAsync();
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(before);

            await AddNodeAsync(page, "end");
            await intents.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("Leave without saving?");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bots/unsaved-bank/flows$"));
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(before + 1); // the unsaved node is still there

            await intents.ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Leave without saving" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/bots/unsaved-bank/intents$"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static async Task AddNodeAsync(IPage page, string type)
    {
        await ChooseAsync(page, "Node type", type);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add node" }).ClickAsync();
        await Expect(page.Locator(".diagram-node").Filter(new() { HasText = $"{type}: {type}1" })).ToBeVisibleAsync();
        await ExpectPanelOfAsync(page, $"{type}1"); // the new node is selected
    }

    private static async Task RenameSelectedAsync(IPage page, string id)
    {
        var nodeId = page.GetByLabel("Node properties").GetByLabel("Node id", new() { Exact = true });
        await nodeId.FillAsync(id);
        await nodeId.BlurAsync();
        await Expect(page.Locator(".diagram-node").Filter(new() { HasText = $": {id}" })).ToBeVisibleAsync();
    }

    // Selecting happens on the server: until the side panel shows the node, its fields are the previous node's.
    private static async Task SelectNodeAsync(IPage page, string title, string id)
    {
        await page.Locator(".diagram-node").Filter(new() { HasText = title }).ClickAsync();
        await ExpectPanelOfAsync(page, id);
    }

    private static Task ExpectPanelOfAsync(IPage page, string id) =>
        Expect(page.GetByLabel("Node properties").GetByLabel("Node id", new() { Exact = true })).ToHaveValueAsync(id);

    private static Task ChooseAsync(IPage page, string label, string option, ILocator? scope = null) =>
        Field(scope ?? page.Locator("body"), label).ChooseAsync(option);

    private static ILocator Field(ILocator scope, string label) => scope.GetByLabel(label, new() { Exact = true }).Locator("visible=true").First;
}
