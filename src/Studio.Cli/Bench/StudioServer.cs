using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Studio.Cli.Bench;

/// <summary>
/// The studio's web app as a child process on a loopback port: what the benchmarks measure is the server a client
/// would call, with its whole pipeline, and the command line needs none of the web app's code to run it.
/// The child is killed when this is disposed, and at once on Ctrl+C.
/// </summary>
internal sealed class StudioServer : IAsyncDisposable
{
    // Start-up migrates a fresh database and loads the encoder; on two busy cores that can take a while.
    private const int ReadinessTries = 240;
    private static readonly TimeSpan ReadinessInterval = TimeSpan.FromMilliseconds(500);

    private readonly Process _process;
    private readonly CancellationTokenRegistration _killOnCancel;

    private StudioServer(Process process, Uri address, CancellationToken cancellationToken)
    {
        _process = process;
        Address = address;
        _killOnCancel = cancellationToken.Register(Kill);
    }

    public Uri Address { get; }

    /// <summary>The server's working set now, in MB.</summary>
    public double WorkingSetMb
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / (1024.0 * 1024.0);
        }
    }

    /// <summary><c>--server</c>: the built web app, by default the one built beside this CLI in the same configuration.</summary>
    public static Option<FileInfo> CreateOption() => new("--server")
    {
        Description = "The web app to run (Studio.Web.dll); default: the one built in this configuration under src/Studio.Web.",
        DefaultValueFactory = _ => new FileInfo(Path.Combine("src", "Studio.Web", "bin", Configuration, "net10.0", "Studio.Web.dll")),
    };

    /// <summary>Starts the web app on <paramref name="dataDirectory"/> and waits until it answers; null after saying why it did not.</summary>
    /// <param name="server">Studio.Web.dll.</param>
    /// <param name="dataDirectory">The data folder, prepared by the caller.</param>
    /// <param name="settings">More configuration, as <c>Section:Key</c> and value pairs.</param>
    /// <param name="cancellationToken">Ctrl+C: kills the child.</param>
    public static async Task<StudioServer?> StartAsync(FileInfo server, string dataDirectory, IEnumerable<KeyValuePair<string, string>> settings,
        CancellationToken cancellationToken)
    {
        if (!server.Exists)
        {
            await Console.Error.WriteLineAsync($"error: the web app is not built at {server.FullName}; build the studio first: dotnet build (or pass --server <Studio.Web.dll>).");
            return null;
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory.GetCurrentDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(server.FullName);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.ArgumentList.Add($"--Studio:DataDirectory={dataDirectory}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = new LastLines(20);
        process.OutputDataReceived += (_, _) => { }; // drained so the child never blocks on a full pipe
        process.ErrorDataReceived += (_, e) => errors.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var running = new StudioServer(process, address, cancellationToken);
        if (await running.WaitUntilReadyAsync(cancellationToken))
        {
            return running;
        }

        await running.DisposeAsync();
        await Console.Error.WriteLineAsync($"error: the web app at {server.FullName} did not start on {address}:{Environment.NewLine}{errors}");
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _killOnCancel.DisposeAsync();
        Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    // Any HTTP answer will do: the web app listens only once its database and first administrator are ready.
    private async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < ReadinessTries && !_process.HasExited; i++)
        {
            try
            {
                using var response = await http.GetAsync("/openapi/v1.json", cancellationToken);
                return true;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(ReadinessInterval, cancellationToken);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow answer while the app warms up; ask again.
            }
        }

        return false;
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It has exited on its own in the meantime.
        }
    }

    /// <summary>A port on loopback that nothing listens on now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Configuration =>
        typeof(StudioServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
