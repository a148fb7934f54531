using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>An admin adds a viewer in the browser; the viewer signs in and can look but not publish, create, import or delete.</summary>
public sealed partial class AccountsTests(StudioServer server, BrowserFixture browser) : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AViewerAddedByTheAdmin_CanLookButNotPublish()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "viewer-bank", templateId = "banking" });
        }

        var admin = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await using var viewerContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        try
        {
            // Without signing in, any page leads to the sign-in form.
            await admin.GotoAsync(new Uri(server.BaseAddress, "/bots/viewer-bank/intents").ToString());
            await Expect(admin.Locator("input[name=password]")).ToBeVisibleAsync();

            await server.SignInAsync(admin);
            var password = await AddUserAsync(admin, "viewer@studio.test", "viewer");
            await Expect(admin.GetByLabel("Users")).ToContainTextAsync("viewer@studio.test");

            var viewer = await viewerContext.NewPageAsync();
            await server.SignInAsync(viewer, "viewer@studio.test", password);
            await viewer.GotoAsync(new Uri(server.BaseAddress, "/bots/viewer-bank/publish").ToString());
            await Expect(viewer.GetByText("Viewers can look at versions")).ToBeVisibleAsync();
            await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToBeDisabledAsync();
            await Expect(viewer.GetByLabel("Signed in as")).ToHaveTextAsync("viewer@studio.test");

            // The editors: a viewer's editing controls are disabled, the page says why, and so does hovering one.
            await viewer.GotoAsync(new Uri(server.BaseAddress, "/bots/viewer-bank/intents").ToString());
            await Expect(viewer.GetByTestId("viewer-notice")).ToContainTextAsync("You are a viewer");
            var add = viewer.GetByRole(AriaRole.Button, new() { Name = "Add intent" });
            await Expect(add).ToBeDisabledAsync();
            await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Add example" })).ToBeDisabledAsync();
            Assert.Equal("Viewers can look but not change bots; ask an admin for the designer role.",
                await add.EvaluateAsync<string>("e => e.closest('[title]').getAttribute('title')"));
            Assert.True(await add.EvaluateAsync<bool>("e => { const r = e.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('[title]') !== null; }"),
                "hovering the disabled button does not reach the reason");
            await Expect(viewer.GetByLabel("Filter intents and examples")).ToBeEnabledAsync();
            await viewer.GotoAsync(new Uri(server.BaseAddress, "/bots/viewer-bank/flows").ToString());
            await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Save flow" })).ToBeDisabledAsync();
            await viewer.GotoAsync(new Uri(server.BaseAddress, "/users").ToString());
            await Expect(viewer.GetByText("Not for your role")).ToBeVisibleAsync();
        }
        finally
        {
            await admin.CloseAsync();
        }
    }

    [Fact]
    public async Task AViewer_OnTheBotsPage_CannotCreateImportOrDelete_AndTheBotsStayAsTheyWere()
    {
        using (var http = await server.CreateStudioClientAsync())
        {
            await http.PostAsJsonAsync("/api/studio/bots", new { id = "kept-bank", templateId = "banking" });
        }

        var admin = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await using var viewerContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        try
        {
            await server.SignInAsync(admin);
            var password = await AddUserAsync(admin, "bots-viewer@studio.test", "viewer");
            var viewer = await viewerContext.NewPageAsync();
            await server.SignInAsync(viewer, "bots-viewer@studio.test", password);
            await viewer.GotoAsync(new Uri(server.BaseAddress, "/bots").ToString());

            await Expect(viewer.GetByLabel("Your bots")).ToContainTextAsync("kept-bank");
            await Expect(viewer.GetByText("Viewers can look but not create, import or delete bots")).ToBeVisibleAsync();
            await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Create bot" })).ToBeDisabledAsync();
            await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Import YAML" })).ToBeDisabledAsync();
            await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Delete kept-bank" })).ToBeDisabledAsync();
            using var check = await server.CreateStudioClientAsync();
            var bots = await check.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/studio/bots");
            var kept = bots.EnumerateArray().Single(b => b.GetProperty("id").GetString() == "kept-bank");
            Assert.Equal(1, kept.GetProperty("revision").GetInt32());
        }
        finally
        {
            await admin.CloseAsync();
        }
    }

    // Through the Users page, as an admin does; returns the generated password shown once.
    private static async Task<string> AddUserAsync(IPage admin, string email, string role)
    {
        await admin.GotoAsync(new Uri(new Uri(admin.Url), "/users").ToString());
        await admin.GetByLabel("New user email").FillAsync(email);
        await admin.GetByLabel("New user role").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = role }).ClickAsync();
        // The choice reaches the server over the circuit: add the user only once the select shows it.
        await Expect(admin.GetByLabel("New user role")).ToContainTextAsync(role);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(admin.GetByLabel("New password")).ToContainTextAsync($"({role})");
        var message = await admin.GetByLabel("New password").InnerTextAsync();
        return Password().Match(message).Groups[1].Value;
    }

    [GeneratedRegex(@"password (\S+) —")]
    private static partial Regex Password();
}
