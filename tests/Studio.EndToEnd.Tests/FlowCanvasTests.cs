using System.Text.Json;
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
            await NewFlowAsync(page, "canvas-bank", "welcome"); // the new, empty flow replaces lost_card on the canvas

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
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(6); // lost_card is shown first: 6 nodes
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/canvas-bank/test").ToString());
            var train = page.GetByRole(AriaRole.Button, new() { Name = "Train", Exact = true });
            await train.ClickAsync();
            await Expect(page.GetByText("Trained on revision")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await page.GetByLabel("Say something").FillAsync("hello there");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

            await Expect(page.GetByText("Trace: greeting → welcome/trigger1 → welcome/say1 → welcome/end1")).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Bot reply").Last).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^(Hi!|Hello!)"));

            // The greeting's quick replies: pressing one sends its intent, and the chips go once answered.
            var chips = page.GetByLabel("Reply buttons").Last;
            await chips.GetByText("I lost my card").ClickAsync();
            await Expect(page.GetByLabel("Bot reply").Last).ToContainTextAsync("last four digits");
            await Expect(chips.Locator(".mud-chip").First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-disabled"));
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "flow-canvas-end.png") });
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task AnActionFlow_BuiltInTheBrowser_SaysTheBalanceWithButtons_AndTheRuntimeSaysTheSame()
    {
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "action-bank", templateId = "banking" });
        // The designer builds the balance flow and its action here: the template's own are taken out first.
        var draft = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/studio/bots/action-bank");
        var bot = System.Text.Json.Nodes.JsonNode.Parse(draft.GetProperty("bot").GetRawText())!.AsObject();
        var flows = bot["flows"]!.AsArray();
        flows.Remove(flows.Single(f => (string?)f!["name"] == "balance"));
        var actions = bot["actions"]!.AsArray();
        actions.Remove(actions.Single(a => (string?)a!["name"] == "check_balance"));
        (await http.PutAsJsonAsync("/api/studio/bots/action-bank", new { revision = draft.GetProperty("revision").GetInt32(), bot })).EnsureSuccessStatusCode();

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/action-bank/actions").ToString());
            var form = page.GetByLabel("New action", new() { Exact = true });
            await form.GetByLabel("Action name").FillAsync("balance_lookup");
            await form.GetByLabel("URL").FillAsync("https://demo-bank.studio.invalid/accounts/{account_number}/balance");
            await form.GetByLabel("Fill slots from the answer, one per line (slot = $.path)").FillAsync("balance = $.available.amount\ncurrency = $.available.currency");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
            await Expect(page.GetByLabel("Action balance_lookup", new() { Exact = true })).ToBeVisibleAsync();

            await NewFlowAsync(page, "action-bank", "my_balance");
            await AddNodeAsync(page, "trigger");
            await ChooseAsync(page, "Intent", "check_balance");
            await AddNodeAsync(page, "ask");
            var slot = page.GetByLabel("Node properties").GetByLabel("Slot", new() { Exact = true });
            await slot.FillAsync("account_number");
            await slot.BlurAsync();
            await ChooseAsync(page, "Filled from entity", "account_number");
            await ChooseAsync(page, "Response", "ask_account_number");
            await AddNodeAsync(page, "action");
            await ChooseAsync(page, "Action", "balance_lookup");
            await AddNodeAsync(page, "say");
            await ChooseAsync(page, "Response", "balance_is");
            await AddNodeAsync(page, "end");
            foreach (var (title, id, next) in new[] { ("trigger: trigger1", "trigger1", "ask1"), ("ask: ask1", "ask1", "action1"), ("action: action1", "action1", "say1"), ("say: say1", "say1", "end1") })
            {
                await SelectNodeAsync(page, title, id);
                await ChooseAsync(page, "Next", next);
            }

            await SelectNodeAsync(page, "action: action1", "action1");
            await ChooseAsync(page, "On error (failure, timeout, not JSON)", "end1");
            await Expect(page.Locator(".flow-canvas").GetByText("on error", new() { Exact = true })).ToBeVisibleAsync(); // drawn as a link of its own
            await page.GetByRole(AriaRole.Button, new() { Name = "Save flow" }).ClickAsync();
            await Expect(page.GetByText("Flow saved")).ToBeVisibleAsync();

            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/action-bank/test").ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Train", Exact = true }).ClickAsync();
            await Expect(page.GetByText("Trained on revision")).ToBeVisibleAsync(new() { Timeout = 90_000 });
            string[] said = ["what's my balance", "it's 12345678"];
            foreach (var message in said)
            {
                await page.GetByLabel("Say something").FillAsync(message);
                await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
                await Expect(page.GetByLabel("Conversation").Locator(".justify-end")).ToHaveCountAsync(Array.IndexOf(said, message) + 1);
            }

            await Expect(page.GetByLabel("Bot reply").Last).ToContainTextAsync("available");
            var buttons = page.GetByLabel("Reply buttons").Last;
            await Expect(buttons.GetByRole(AriaRole.Button, new() { Name = "Talk to an adviser" })).ToBeVisibleAsync();
            await page.GetByText("Trace: check_balance").Last.ClickAsync();
            await Expect(page.Locator("[data-testid=action-call]").Last).ToContainTextAsync("balance_lookup: GET https://demo-bank.studio.invalid/accounts/12345678/balance → 200");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "action-flow.png"), FullPage = true });
            var browserReplies = (await page.GetByLabel("Bot reply").AllInnerTextsAsync()).Select(Flat).ToList();
            await buttons.GetByRole(AriaRole.Button, new() { Name = "Talk to an adviser" }).ClickAsync();
            await Expect(page.GetByText("Handed over to a person")).ToBeVisibleAsync();

            // The chat becomes a conversation test, listed and run on its own; publishing below runs it again.
            await page.GetByLabel("Test name").FillAsync("balance chat");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save this chat as a test" }).ClickAsync();
            await Expect(page.GetByText("Saved as a conversation test")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Run balance chat" }).ClickAsync();
            await Expect(page.GetByLabel("Conversation test results")).ToContainTextAsync("balance chat: 1 passed, 0 failed");

            // The same conversation through the runtime API, on the version published from this draft.
            (await http.PostAsJsonAsync("/api/studio/bots/action-bank/publish", new { alias = "production" })).EnsureSuccessStatusCode();
            var key = await (await http.PostAsJsonAsync("/api/studio/keys", new { name = "action flow", bots = new[] { "action-bank" } })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            using var runtime = new HttpClient { BaseAddress = server.BaseAddress };
            runtime.DefaultRequestHeaders.Add("X-Api-Key", key.GetProperty("key").GetString());
            var served = new List<string>();
            var last = default(System.Text.Json.JsonElement);
            foreach (var message in said)
            {
                last = await (await runtime.PostAsJsonAsync("/api/bots/action-bank/production/conversations/same-1/messages", new { text = message })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                served.AddRange(last.GetProperty("replies").EnumerateArray().Select(r => Flat(r.GetString()!)));
            }

            Assert.Equal(browserReplies, served);
            Assert.Equal(["Recent transactions", "Talk to an adviser"], last.GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("title").GetString()));
            Assert.Equal(200, last.GetProperty("actions")[0].GetProperty("status").GetInt32());
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public async Task BranchConditions_AreEditedInTheSidePanel_AndShownOnTheirLinks()
    {
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "branch-bank", templateId = "banking" });
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await NewFlowAsync(page, "branch-bank", "moods");
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

    [Fact]
    public async Task CanvasTools_PortsArrowsPlacementCopyPasteUndoRedoLayoutFitAndMinimap_WorkAsDesignersExpect()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "tools-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await NewFlowAsync(page, "tools-bank", "tools");
            await AddNodeAsync(page, "trigger");
            await ChooseAsync(page, "Intent", "greeting");
            await AddNodeAsync(page, "say");
            await ChooseAsync(page, "Response", "greeting");
            await AddNodeAsync(page, "end");
            await ChooseAsync(page, "Node type", "say");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add node" }).ClickAsync();
            await ExpectPanelOfAsync(page, "say2");
            await ChooseAsync(page, "Response", "greeting");

            // Every new node lands inside the canvas, none on another.
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(4);
            Assert.True(await AllNodesInViewAsync(page), "a new node landed outside the canvas");

            // A trigger has no input and an end no output; ports never sit on a node's label.
            await Expect(Node(page, "trigger: trigger1").Locator(".diagram-port.left")).ToHaveCountAsync(0);
            await Expect(Node(page, "trigger: trigger1").Locator(".diagram-port.right")).ToHaveCountAsync(1);
            await Expect(Node(page, "end: end1").Locator(".diagram-port.right")).ToHaveCountAsync(0);
            await Expect(Node(page, "say: say1").Locator(".diagram-port")).ToHaveCountAsync(2);
            Assert.True(await page.EvaluateAsync<bool>(PortsClearOfLabels), "a port covers a node's label");

            // Links carry an arrowhead.
            await SelectNodeAsync(page, "trigger: trigger1", "trigger1");
            await ChooseAsync(page, "Next", "say1");
            await Expect(page.Locator(".diagram-link")).ToHaveCountAsync(1);
            await Expect(page.Locator(".diagram-link path[d='M 0 -5 10 0 0 5 z']")).ToHaveCountAsync(1);

            // Copy and paste a node, undo the paste, redo it.
            await SelectNodeAsync(page, "say: say1", "say1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Copy node" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Paste node" }).ClickAsync();
            await Expect(Node(page, "say: say1_copy (greeting)")).ToBeVisibleAsync();
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(5);
            await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(4);
            await Expect(page.Locator(".diagram-link")).ToHaveCountAsync(1); // the link drawn before the paste stays
            await page.GetByRole(AriaRole.Button, new() { Name = "Redo" }).ClickAsync();
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(5);

            // A node moved by hand is a step too, undone from the keyboard; Ctrl+C and Ctrl+V copy and paste.
            var end = Node(page, "end: end1");
            var before = (await end.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(before.X + (before.Width / 2), before.Y + (before.Height / 2));
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(before.X + (before.Width / 2) - 120, before.Y + (before.Height / 2) + 40, new() { Steps = 5 });
            await page.Mouse.UpAsync();
            // Undo redraws the canvas: while it does, the node has no box yet, so each look waits for one.
            await UntilAsync(async () => await end.BoundingBoxAsync() is { } moved && Math.Abs(moved.X - before.X) > 60);
            await page.Keyboard.PressAsync("Control+z");
            await UntilAsync(async () => await end.BoundingBoxAsync() is { } back && Math.Abs(back.X - before.X) < 2);
            await SelectNodeAsync(page, "end: end1", "end1");
            await page.Keyboard.PressAsync("Control+c");
            await page.Keyboard.PressAsync("Control+v");
            await Expect(Node(page, "end: end1_copy")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Control+z");
            await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(5);

            // Auto-layout puts the trigger first and what follows it to its right; zoom to fit shows every node.
            await page.GetByRole(AriaRole.Button, new() { Name = "Auto-layout" }).ClickAsync();
            await UntilAsync(async () => await Node(page, "trigger: trigger1").BoundingBoxAsync() is { } trigger
                && await Node(page, "say: say1 (greeting)").BoundingBoxAsync() is { } say && trigger.X + 100 < say.X);
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoom to fit" }).ClickAsync();
            Assert.True(await AllNodesInViewAsync(page), "zoom to fit left a node outside the canvas");
            await Expect(page.Locator(".flow-canvas .flow-minimap")).ToBeVisibleAsync();
            await Expect(page.Locator(".flow-minimap .navigator-node")).ToHaveCountAsync(5);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "flow-canvas-tools.png") });

            // A say node without a response saves, with a warning that names it; the pasted copy kept its response.
            await ChooseAsync(page, "Node type", "say");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add node" }).ClickAsync();
            await ExpectPanelOfAsync(page, "say3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save flow" }).ClickAsync();
            await Expect(page.GetByText("Flow saved")).ToBeVisibleAsync();
            await Expect(page.GetByText("Say node 'say3' has no response").First).ToBeVisibleAsync(); // on the canvas and in the list of flows
            await Expect(page.GetByText("Say node 'say1_copy' has no response")).ToHaveCountAsync(0);

            // The template's lost-card flow, laid out and fitted: the picture of the canvas in the README.
            await ChooseAsync(page, "Flow", "lost_card");
            await Expect(Node(page, "trigger: start")).ToBeVisibleAsync();
            await Expect(page.Locator(".flow-canvas").GetByText("on error", new() { Exact = true })).ToBeVisibleAsync(); // block fails to not_blocked
            await page.GetByRole(AriaRole.Button, new() { Name = "Auto-layout" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoom to fit" }).ClickAsync();
            await page.Mouse.MoveAsync(0, 0); // no tooltip in the picture
            Assert.True(await AllNodesInViewAsync(page), "zoom to fit left a node of lost_card outside the canvas");
            await page.Locator(".flow-canvas").ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "flow-canvas-lost-card.png") });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task AFlowWrittenToStartOver_KeepsItsLinkBackToTheTrigger_WhenSavedOnTheCanvas()
    {
        using var http = await server.CreateStudioClientAsync();
        await http.PostAsJsonAsync("/api/studio/bots", new { id = "loop-bank", templateId = "banking" });
        var draft = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/studio/bots/loop-bank");
        draft!["bot"]!["flows"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""
            { "name": "again", "nodes": [
              { "id": "start", "type": "trigger", "intent": "thanks", "next": "digits" },
              { "id": "digits", "type": "ask", "slot": "card_last_four", "entity": "card_last_four", "response": "ask_card_digits", "next": "say" },
              { "id": "say", "type": "say", "response": "greeting", "next": "start" } ] }
            """));
        (await http.PutAsJsonAsync("/api/studio/bots/loop-bank", new { bot = draft["bot"], revision = draft["revision"] })).EnsureSuccessStatusCode();

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/loop-bank/flows").ToString());
            await ChooseAsync(page, "Flow", "again");
            // Laid out from the trigger (the flow has no positions), the loop back drawn, the trigger given an input for it.
            await Expect(page.Locator(".diagram-link")).ToHaveCountAsync(3);
            await Expect(Node(page, "trigger: start").Locator(".diagram-port.left")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save flow" }).ClickAsync();
            await Expect(page.GetByText("Flow saved")).ToBeVisibleAsync();
            var saved = await http.GetFromJsonAsync<JsonElement>("/api/studio/bots/loop-bank");
            var say = saved.GetProperty("bot").GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "again")
                .GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "say");
            Assert.Equal("start", say.GetProperty("next").GetString());
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    // Waits for a condition on what the page shows, however long the server takes to redraw.
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; !await condition(); attempt++)
        {
            Assert.True(attempt < 300, "the page never reached the expected state");
            await Task.Delay(100);
        }
    }

    private static ILocator Node(IPage page, string title) => page.Locator(".diagram-node").Filter(new() { HasText = title });

    private static async Task<bool> AllNodesInViewAsync(IPage page)
    {
        var canvas = (await page.Locator(".flow-canvas").BoundingBoxAsync())!;
        foreach (var node in await page.Locator(".diagram-node").AllAsync())
        {
            var box = (await node.BoundingBoxAsync())!;
            if (box.X < canvas.X || box.Y < canvas.Y || box.X + box.Width > canvas.X + canvas.Width || box.Y + box.Height > canvas.Y + canvas.Height)
            {
                return false;
            }
        }

        return true;
    }

    // True when no port's box crosses the box of any text in its node.
    private const string PortsClearOfLabels = """
        () => [...document.querySelectorAll('.flow-canvas .default-node')].every(node => {
            const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
            const texts = [];
            while (walker.nextNode()) { if (walker.currentNode.textContent.trim()) { const r = document.createRange(); r.selectNodeContents(walker.currentNode); texts.push(r.getBoundingClientRect()); } }
            return [...node.querySelectorAll('.diagram-port')].every(port => {
                const p = port.getBoundingClientRect();
                return texts.every(t => p.right <= t.left + 0.5 || p.left >= t.right - 0.5 || p.bottom <= t.top + 0.5 || p.top >= t.bottom - 0.5);
            });
        })
        """;

    // Opens the bot's flows and starts a new, empty flow on the canvas.
    private async Task NewFlowAsync(IPage page, string botId, string flow)
    {
        await page.GotoAsync(new Uri(server.BaseAddress, $"/bots/{botId}/flows").ToString());
        await page.GetByLabel("New flow name").FillAsync(flow);
        await page.GetByRole(AriaRole.Button, new() { Name = "New flow" }).ClickAsync();
        await Expect(page.Locator(".diagram-node")).ToHaveCountAsync(0);
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
