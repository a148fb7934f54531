using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Core.Bots;
using Studio.Core.Conversations;

namespace Studio.Application.Actions;

/// <summary>
/// Makes action nodes' HTTP calls: the templates filled from slots and secrets, the action's timeout over every try,
/// retries of transient failures through the standard resilience handler, the answer read up to a size limit, and
/// its JSON paths mapped into slots. A failure of any kind is an <see cref="ActionCall"/> that says why, never an
/// exception, so the conversation goes on at <c>onError</c>. Only the action's name, status and time are logged.
/// </summary>
public sealed class WebhookActions(IHttpClientFactory clients, IOptions<ActionOptions> options, ILogger<WebhookActions> logger)
{
    /// <summary>The client for methods safe to repeat, which retries transient failures.</summary>
    public const string RepeatableClient = "actions";

    /// <summary>The client for the others, which tries once: a card is never blocked twice.</summary>
    public const string OnceClient = "actions-once";

    public ActionCaller Caller => CallAsync;

    public async ValueTask<ActionCall> CallAsync(ActionDefinition action, IReadOnlyDictionary<string, string> slots, CancellationToken cancellationToken)
    {
        var method = action.Method.ToUpperInvariant();
        var url = ActionTemplates.Url(action, slots);
        var started = Stopwatch.GetTimestamp();
        var timeoutMs = action.TimeoutMs ?? ActionTemplates.DefaultTimeoutMs;
        ActionCall Failed(string error) => Failure(action, method, url, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error);

        if (ActionTemplates.SecretsOf(action).FirstOrDefault(s => !options.Value.Secrets.ContainsKey(s)) is { } missing)
        {
            return Failed($"The secret '{missing}' is not configured (Actions:Secrets:{missing}).");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || ActionTemplates.HostFromSlots(action.Url))
        {
            return Failed("The URL is not an absolute http or https URL with a fixed host once its slots are filled in.");
        }

        if (ActionTemplates.WalksThePath(action, slots))
        {
            return Failed("A slot value for the URL is only dots, which would change its path.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(timeoutMs));
        try
        {
            using var request = Request(action, method, uri, slots);
            using var response = await clients.CreateClient(method == "GET" ? RepeatableClient : OnceClient).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var (text, truncated) = await ReadAsync(response, options.Value.MaxAnswerBytes, timeout.Token);
            var call = Answer(action, method, url, status, response.IsSuccessStatusCode, text, truncated, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            logger.LogInformation("Action {Action} answered {Status} in {Milliseconds:0.0} ms", action.Name, status, call.DurationMs);
            return call;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Action {Action} timed out after {Timeout} ms", action.Name, timeoutMs);
            return Failed($"No answer within {timeoutMs} ms.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Refused addresses, connection failures, an open circuit, a header the API's stack refuses: all a failed call.
            logger.LogWarning("Action {Action} failed: {Reason}", action.Name, ex.Message);
            return Failed(ex.Message);
        }
    }

    private HttpRequestMessage Request(ActionDefinition action, string method, Uri uri, IReadOnlyDictionary<string, string> slots)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (ActionTemplates.Body(action, slots) is { } body)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, template) in action.Headers ?? [])
        {
            var value = ActionTemplates.Header(template, slots, secret => options.Value.Secrets.GetValueOrDefault(secret));
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    // Read at most the limit (and one byte more, to know whether there was more).
    private static async Task<(string Text, bool Truncated)> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit + 1];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }

        var truncated = read > limit;
        return (Encoding.UTF8.GetString(buffer, 0, Math.Min(read, limit)), truncated);
    }

    private static ActionCall Answer(ActionDefinition action, string method, string url, int status, bool success, string text, bool truncated, double ms)
    {
        if (!success)
        {
            return Failure(action, method, url, ms, $"The API answered {status}.", status, truncated);
        }

        JsonDocument answer;
        try
        {
            answer = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        }
        catch (JsonException)
        {
            return Failure(action, method, url, ms, truncated ? "The answer was cut at the size limit and is not JSON as cut." : "The answer is not JSON.", status, truncated);
        }

        using (answer)
        {
            var slots = new Dictionary<string, string>(StringComparer.Ordinal);
            var missing = new List<string>();
            foreach (var (slot, path) in action.Map ?? [])
            {
                if (ActionTemplates.Read(answer.RootElement, path) is { } value)
                {
                    slots[slot] = value.Length > 1000 ? value[..1000] : value;
                }
                else
                {
                    missing.Add(path);
                }
            }

            return new ActionCall(action.Name, method, url, status, ms, true, missing.Count == 0 ? null : $"Not in the answer: {string.Join(", ", missing)}.", truncated, slots);
        }
    }

    private static ActionCall Failure(ActionDefinition action, string method, string url, double ms, string detail, int? status = null, bool truncated = false) =>
        new(action.Name, method, url, status, ms, false, detail, truncated, new Dictionary<string, string>());
}
