using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>Documents uploaded in the browser, previewed, and asked a question there.</summary>
public sealed class KnowledgeTests(StudioServer server, BrowserFixture browser) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task UploadedDocuments_ArePreviewed_AndAnswerAQuestionWithTheirSource()
    {
        await CreateWithoutDocumentsAsync("docs-bank");

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/docs-bank/knowledge").ToString());
            await Expect(page.GetByText("No documents yet")).ToBeVisibleAsync();
            var folder = Path.Combine(Studio.Tests.Support.RepoPaths.KnowledgeBase, "docs");
            await page.Locator("input[type=file]").ChooseFilesAsync(new[] { "branch-opening-hours.md", "overdraft-fees.md" }
                .Select(n => new FilePayload { Name = n, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(folder, n))) }).ToArray());

            await Expect(page.GetByLabel("Knowledge sources").Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(page.GetByLabel("Document preview").Locator("h1, h2").First).ToBeVisibleAsync(); // rendered, not raw Markdown
            await page.GetByLabel("Knowledge question").FillAsync("what time does the branch open on saturday");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

            await Expect(page.GetByLabel("Knowledge verdict")).ToContainTextAsync("Answered from branch-opening-hours.md", new() { Timeout = 120_000 });
            await Expect(page.GetByLabel("Knowledge answer")).ToContainTextAsync("Source:");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "knowledge.png"), FullPage = true });

            // The same documents, compared as a task on the Compare page.
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/docs-bank/compare").ToString());
            await page.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" }).ClickAsync();
            const string questions = "question,expected_source\nwhen do you open on saturday,branch-opening-hours.md\nhow much does going overdrawn cost,overdraft-fees.md\n";
            // The runs tab has a file input of its own, so take the one in the knowledge panel.
            await page.GetByRole(AriaRole.Tabpanel, new() { Name = "Knowledge" }).Locator("input[type=file]").ChooseFilesAsync(new FilePayload { Name = "questions.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(questions) });
            await Expect(page.GetByText("questions.csv (2 questions)")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Compare knowledge setups" }).ClickAsync();
            await Expect(page.GetByLabel("Knowledge comparison").Locator("tbody tr")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
            await Expect(page.GetByLabel("Knowledge comparison")).ToContainTextAsync("fused");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task AQuestionAnIntentWouldShadow_IsAnsweredFromTheTemplatesDocuments_AndTheTraceSaysWhy()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/studio/bots", new { id = "policy-bank", templateId = "banking" });
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/policy-bank/test").ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Train", Exact = true }).ClickAsync();
            await Expect(page.GetByText("Trained on revision")).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await page.GetByLabel("Say something").FillAsync("What is the daily ATM withdrawal limit?");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

            await Expect(page.GetByLabel("Bot reply").Last).ToContainTextAsync("atm-withdrawal-limits.md", new() { Timeout = 60_000 });
            await page.GetByText(new System.Text.RegularExpressions.Regex("^Trace: .* → knowledge$")).Last.ClickAsync();
            await Expect(page.GetByTestId("turn-decision").Last).ToContainTextAsync("Knowledge won");
            await Expect(page.GetByTestId("turn-decision").Last).ToContainTextAsync("from atm-withdrawal-limits.md");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "knowledge-policy.png"), FullPage = true });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    // The banking template carries the help pages; these tests start the bot with none, as a designer's own bot starts.
    private async Task CreateWithoutDocumentsAsync(string id)
    {
        using var http = await server.CreateStudioClientAsync();
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/studio/bots", new { id, templateId = "banking" });
        var draft = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(http, $"/api/studio/bots/{id}");
        draft!["bot"]!.AsObject().Remove("knowledge");
        (await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(http, $"/api/studio/bots/{id}", new { bot = draft["bot"], revision = draft["revision"] })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ALargePastedDocument_IsSaved_AndListed_AndRemovingItAsksFirst()
    {
        await CreateWithoutDocumentsAsync("paste-bank");

        // About 100 KB of Markdown, four times what one SignalR message carries by default, with quotes and accents to escape.
        var document = new StringBuilder();
        for (var section = 1; document.Length < 100_000; section++)
        {
            document.Append("## Section ").Append(section).Append("\n\nOur \"policy\" for café orders — número ").Append(section)
                .Append(": returns are accepted within 30 days with a receipt, and refunds go back to the card used.\n\n");
        }

        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots/paste-bank/knowledge").ToString());
            await Expect(page.GetByText("No documents yet")).ToBeVisibleAsync();
            await page.GetByText("Paste a document").ClickAsync();
            await page.GetByLabel("Document name").FillAsync("long-policy.md");
            // As a paste arrives: the whole text in one input event (typing it would take minutes).
            await page.GetByLabel("Document content").EvaluateAsync("(e, text) => { e.value = text; e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }", document.ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Add document" }).ClickAsync();

            var sources = page.GetByLabel("Knowledge sources");
            await Expect(sources).ToContainTextAsync("long-policy.md", new() { Timeout = 60_000 });
            await Expect(sources).ToContainTextAsync($"{document.Length:N0} ch");
            await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();

            // Removing a document asks first; Keep keeps it.
            await page.GetByLabel("Remove long-policy.md").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("Remove long-policy.md?");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(sources).ToContainTextAsync("long-policy.md");
            await page.GetByLabel("Remove long-policy.md").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove document" }).ClickAsync();
            await Expect(page.GetByText("No documents yet")).ToBeVisibleAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task ALostConnection_ShowsTheReconnectDialog()
    {
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
        await server.SignInAsync(page);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/bots").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bots" }).First).ToBeVisibleAsync();
            var dialog = page.Locator("#components-reconnect-modal");
            await Expect(dialog).Not.ToBeVisibleAsync();

            // The server seems gone: new connections are refused, and the live one is closed under the page.
            await page.RouteAsync("**/_blazor**", route => route.AbortAsync());
            await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog).ToContainTextAsync("Connection to the studio lost");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
