using System.Net;
using Studio.Tests.Support;

namespace Studio.Tests.Api;

/// <summary>
/// The real app on a real loopback port, for tests where the studio must be reached over HTTP (as a hosted model
/// endpoint calls its own /v1), with a client signed in as the administrator that sends the studio's own origin.
/// </summary>
public sealed class LoopbackStudio : IAsyncDisposable
{
    private LoopbackStudio(StudioAppFactory app, HttpClient client, int port) => (App, Client, Port) = (app, client, port);

    public StudioAppFactory App { get; }

    public HttpClient Client { get; }

    public int Port { get; }

    /// <param name="settings">The settings, given the port the studio will listen on.</param>
    public static async Task<LoopbackStudio> StartAsync(string dataDirectory, Func<int, Dictionary<string, string>> settings)
    {
        var port = FreePorts.Next();
        var app = new StudioAppFactory(dataDirectory, settings: settings(port));
        app.UseKestrel(port);
        app.StartServer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Add("Origin", $"http://127.0.0.1:{port}"); // changes with a session cookie need the studio's origin
        (await SignIn.AsAsync(client, SignIn.AdminEmail, SignIn.AdminPassword)).EnsureSuccessStatusCode();
        return new LoopbackStudio(app, client, port);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
