using System.Net;
using System.Text;
using Studio.Tests.Support;

namespace Studio.EndToEnd.Tests;

/// <summary>
/// A customer's web site, as far as the web chat is concerned: plain HTML pages on another loopback port than the
/// studio (so another origin), reachable as <c>127.0.0.1</c> and as <c>localhost</c>, which browsers count as two
/// origins: one a key can allow, one it does not.
/// </summary>
public sealed class CustomerSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _pages = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    public CustomerSite()
    {
        Port = FreePorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add($"http://localhost:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The origin a key allows.</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>The same pages on an origin no key allows.</summary>
    public string OtherOrigin => $"http://localhost:{Port}";

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/>.</summary>
    public void Page(string path, string html)
    {
        lock (_pages)
        {
            _pages[path] = html;
        }
    }

    /// <summary>A page of the shop that embeds the chat with the given tag attributes.</summary>
    public static string WithChat(Uri studio, string bot, string alias, string key) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>The shop</title>
        <style>button { background: red !important; font-size: 40px; } p { color: green; }</style></head>
        <body><h1>The shop</h1><p>Our opening hours are on the back of the card.</p>
        <script src="{{new Uri(studio, "/widget.js")}}" data-bot="{{bot}}" data-alias="{{alias}}" data-key="{{key}}"></script>
        </body></html>
        """;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            string? html;
            lock (_pages)
            {
                _pages.TryGetValue(context.Request.Url!.AbsolutePath, out html);
            }

            var body = Encoding.UTF8.GetBytes(html ?? "not found");
            context.Response.StatusCode = html is null ? 404 : 200;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
