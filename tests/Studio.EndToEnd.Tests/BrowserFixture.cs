using Microsoft.Playwright;

// One studio and one browser at a time: two of each, beside the unit tests, on two cores would make every
// timing in these tests a question of what else happens to be running.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Studio.EndToEnd.Tests;

/// <summary>Debian's Chromium driven by Playwright; nothing is downloaded. STUDIO_CHROMIUM overrides the path.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("STUDIO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath}: install Debian's chromium package (.ci/run does) or set STUDIO_CHROMIUM.");
        // Every check waits for the server round trip behind it; on a loaded machine 5 s is too little for a
        // circuit to start and a draft to load.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from trying to phone home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
