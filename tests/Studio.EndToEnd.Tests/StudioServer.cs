using System.Diagnostics;
using System.Net;
using System.Text;
using Studio.Tests.Support;

namespace Studio.EndToEnd.Tests;

/// <summary>
/// The built web app started as its own process on a free loopback port, from the repository root
/// (so it reads the top-level appsettings.json, wwwroot and templates), on a fresh data folder.
/// </summary>
public sealed class StudioServer : IAsyncLifetime
{
    // Kestrel picks the port (port 0) and says which; choosing one here and passing it on could collide with
    // another server started in between, and the readiness check would then find the other server.
    private const string ListeningOn = "Now listening on: ";

    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public Uri BaseAddress { get; private set; } = default!;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("studio-e2e-").FullName;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>An HTTP client signed in as the first administrator, through the sign-in form as a browser would.</summary>
    public async Task<HttpClient> CreateStudioClientAsync()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Add("Origin", BaseAddress.GetLeftPart(UriPartial.Authority)); // changes with a session must come from the studio's origin
        var signedIn = await SignIn.AsAsync(http, SignIn.AdminEmail, SignIn.AdminPassword);
        Assert.DoesNotContain("/account/login", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        return http;
    }

    /// <summary>Signs a browser page in as the first administrator.</summary>
    public Task SignInAsync(Microsoft.Playwright.IPage page) => SignInAsync(page, SignIn.AdminEmail, SignIn.AdminPassword);

    /// <summary>Signs a browser page in with the sign-in form.</summary>
    public async Task SignInAsync(Microsoft.Playwright.IPage page, string email, string password)
    {
        await page.GotoAsync(new Uri(BaseAddress, "/account/login").ToString());
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    public async Task InitializeAsync()
    {
        var dll = Path.Combine(RepoPaths.Root, "src", "Studio.Web", "bin", RepoPaths.Configuration, "net10.0", "Studio.Web.dll");
        Assert.True(File.Exists(dll), $"The web app is not built at {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var stories = Path.Combine(RepoPaths.Shared, "models", "stories260K.gguf");
        foreach (var arg in new[]
        {
            dll, "--urls", "http://127.0.0.1:0", "--Studio:DataDirectory", DataDirectory,
            "--Models:stories:Kind", "gguf", "--Models:stories:Path", stories, "--Models:stories:ContextSize", "4096",
            "--Models:broken:Kind", "gguf", "--Models:broken:Path", Path.Combine(DataDirectory, "missing.gguf"),
            "--Studio:Admin:Email", SignIn.AdminEmail, "--Studio:Admin:Password", SignIn.AdminPassword,
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("The studio exited during start-up."));
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        try
        {
            BaseAddress = await _listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            Assert.Fail($"The studio did not start listening ({ex.Message}):\n" + Log);
        }

        using var http = new HttpClient { BaseAddress = BaseAddress };
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "The studio exited during start-up:\n" + Log);
            try
            {
                if ((await http.GetAsync("/")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        Assert.Fail("The studio did not answer within 90 s:\n" + Log);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS temp cleaner
        }
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line?.IndexOf(ListeningOn, StringComparison.Ordinal) is >= 0 and var at && Uri.TryCreate(line[(at + ListeningOn.Length)..].Trim(), UriKind.Absolute, out var address))
        {
            _listening.TrySetResult(address);
        }
    }
}
