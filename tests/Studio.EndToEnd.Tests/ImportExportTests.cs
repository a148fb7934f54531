using System.Text;
using Microsoft.Playwright;
using Studio.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Studio.EndToEnd.Tests;

/// <summary>Importing and exporting bot files in the browser, including files the studio must refuse.</summary>
public sealed class ImportExportTests(StudioServer server, BrowserFixture browser)
    : IClassFixture<StudioServer>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext _context = default!;
    private StudioPage _studio = default!;

    public async Task InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new() { AcceptDownloads = true });
        var page = await _context.NewPageAsync();
        await server.SignInAsync(page);
        _studio = new StudioPage(page, server.BaseAddress);
        await _studio.OpenBotsAsync();
    }

    public Task DisposeAsync() => _context.CloseAsync();

    [Fact]
    public async Task MalformedYaml_IsRefused_NamingTheLine_AndNothingIsStored()
    {
        const string broken = "id: broken\nname: Broken\nlanguage: en\nintents:\n  - name: a\n    examples: [one, two\n";

        var before = await StoredBotsAsync();
        await ImportAsync("broken.yaml", Encoding.UTF8.GetBytes(broken));

        var alert = _studio.Page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("broken.yaml was not imported");
        await Expect(alert).ToContainTextAsync("line 7");
        Assert.Equal(before, await StoredBotsAsync());
    }

    [Fact]
    public async Task FileOverTheLimit_IsRefused_NamingTheLimit()
    {
        var tooLarge = Encoding.UTF8.GetBytes("# padding\n" + new string('#', 6 * 1024 * 1024));

        var before = await StoredBotsAsync();
        await ImportAsync("huge.yaml", tooLarge);

        await Expect(_studio.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("the limit is 5 MB");
        Assert.Equal(before, await StoredBotsAsync());
    }

    [Fact]
    public async Task ValidFile_IsImported_AndExportsBackAsYaml()
    {
        await ImportAsync("it-helpdesk.yaml", File.ReadAllBytes(Path.Combine(RepoPaths.Root, "templates", "it-helpdesk.yaml")));
        await _studio.Page.WaitForURLAsync("**/bots/it-helpdesk/intents");
        await Expect(_studio.IntentList.GetByRole(AriaRole.Button)).ToHaveCountAsync(15);

        var download = await _studio.Page.RunAndWaitForDownloadAsync(() =>
            _studio.Page.GetByRole(AriaRole.Link, new() { Name = "Export YAML" }).ClickAsync());
        var path = await download.PathAsync();

        Assert.Equal("it-helpdesk.yaml", download.SuggestedFilename);
        Assert.StartsWith("id: it-helpdesk\nname: IT help desk\n", File.ReadAllText(path));
    }

    private async Task ImportAsync(string fileName, byte[] content)
    {
        await _studio.OpenBotsAsync();
        await _studio.Page.Locator("input[type=file]").ChooseFilesAsync(new FilePayload { Name = fileName, MimeType = "application/yaml", Buffer = content });
    }

    // The tests of this class share one studio, so "nothing stored" means "the bot list did not change".
    private async Task<string> StoredBotsAsync()
    {
        using var http = await server.CreateStudioClientAsync();
        return await http.GetStringAsync("/api/studio/bots");
    }
}
