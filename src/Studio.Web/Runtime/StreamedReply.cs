using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Studio.Web.Runtime;

/// <summary>
/// A runtime answer as server-sent events, for a client that shows a generated reply while it is written (the web
/// chat): <c>text</c> events with each piece, then one <c>reply</c> event with the whole answer, as the JSON
/// endpoint would have returned it. A failure after the first event is sent as an <c>error</c> event.
/// </summary>
public static class StreamedReply
{
    public static bool IsWanted(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));

    public static async Task WriteAsync<T>(HttpContext http, Func<Action<string>, Task<T>> answer, CancellationToken cancellationToken)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var started = false;

        async Task StartAsync()
        {
            if (!started)
            {
                started = true;
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx passes events on as they come
                await http.Response.StartAsync(cancellationToken);
            }
        }

        // The model calls back on its own thread; one pump writes, in order.
        var pump = Task.Run(async () =>
        {
            await foreach (var piece in pieces.Reader.ReadAllAsync(cancellationToken))
            {
                await StartAsync();
                await SendAsync(http, "text", JsonSerializer.Serialize(new { text = piece }, json), cancellationToken);
            }
        }, cancellationToken);

        T reply;
        try
        {
            reply = await answer(piece => pieces.Writer.TryWrite(piece));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            pieces.Writer.TryComplete();
            await pump;
            if (!started)
            {
                throw; // nothing sent yet: the usual problem response
            }

            await SendAsync(http, "error", JsonSerializer.Serialize(new { title = "The reply could not be finished" }, json), cancellationToken);
            return;
        }

        pieces.Writer.TryComplete();
        await pump;
        await StartAsync();
        await SendAsync(http, "reply", JsonSerializer.Serialize(reply, json), cancellationToken);
    }

    private static async Task SendAsync(HttpContext http, string name, string data, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {data}\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
