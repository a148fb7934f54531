using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Studio.Tests.Support;

/// <summary>
/// A private <c>redis-server</c> (Debian's package; <c>.ci/run</c> installs it) on a free loopback port, with an
/// append-only file written on every change, so a test can stop it and start it again with the data intact, as an
/// operator's restart does.
/// </summary>
public sealed class TestRedis : IDisposable
{
    private readonly TempDirectory _data = new();
    private Process? _server;

    public TestRedis()
    {
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    /// <summary>The <c>Redis:Configuration</c> setting for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public void Start()
    {
        var start = new ProcessStartInfo(Binary())
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _data.Path, "--save", "",
                "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        WaitUntil(listening: true);
    }

    /// <summary>Stops the server as an operator would (SIGTERM: it finishes writing its file) and waits until the port is closed.</summary>
    public void Stop()
    {
        if (_server is null)
        {
            return;
        }

        Process.Start("kill", ["-TERM", _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        _server.WaitForExit();
        _server.Dispose();
        _server = null;
        WaitUntil(listening: false);
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            _server.Kill();
            _server.WaitForExit();
            _server.Dispose();
        }

        _data.Dispose();
    }

    private static string Binary() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("redis-server is not installed; run .ci/run once, or: apt-get install -y redis-server");

    // The server answers when its port accepts a connection; bounded by tries, not by how fast the machine is.
    private void WaitUntil(bool listening)
    {
        for (var i = 0; i < 600; i++)
        {
            if (Accepts() == listening)
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not {(listening ? "start" : "stop")} within 30 s");
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
