using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Studio.Data.Publishing;
using Studio.Inference.Models;
using Studio.Application.Runtime;
using Studio.Web.Runtime;

namespace Studio.Web.Api;

/// <summary>
/// Studio's local inference engine as an OpenAI-compatible API: <c>GET /v1/models</c>,
/// <c>POST /v1/chat/completions</c>, streaming as server-sent events ending with <c>data: [DONE]</c>, and
/// <c>POST /v1/embeddings</c> from the sentence encoder. Every available generative profile is served, local GGUF
/// models and hosted ones alike.
/// </summary>
public static class OpenAiApi
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        // Applications, not people: published bots need an API key (checked per request); served models are open as before.
        var v1 = app.MapGroup("/v1").WithTags("OpenAI-compatible").AllowAnonymous();
        v1.MapGet("/models", ListModelsAsync).WithName("ListModels").WithSummary("The generative models this Studio serves.");
        v1.MapPost("/chat/completions", CompleteAsync).WithName("ChatCompletions").WithSummary("OpenAI chat completions, streaming or not.")
            .DisableAntiforgery();
        v1.MapPost("/embeddings", EmbedAsync).WithName("Embeddings").WithSummary("OpenAI embeddings from Studio's sentence encoder (model 'encoder').")
            .DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Served models cost money or machine time: a signed-in user or any active API key may call them. A host
    /// without accounts (the LLM benchmark's) has no gate. A key sent by a signed-in user is checked too, so that
    /// what it may call is known.
    /// </summary>
    private static async Task<IResult?> RefuseAsync(HttpContext http)
    {
        if (http.RequestServices.GetService<ApiKeyGate>() is not { } gate
            || (http.User.Identity?.IsAuthenticated == true && !ApiKeyGate.HasKey(http.Request)))
        {
            return null;
        }

        return await gate.CheckAsync(http, botId: null) is { } refusal ? OpenAiErrors.From(refusal) : null;
    }

    /// <summary>What the caller may use: the served models, and for a key every alias of every bot it may call, as <c>bot@alias</c>.</summary>
    private static async Task<IResult> ListModelsAsync(HttpContext http, ModelRegistry registry)
    {
        if (await RefuseAsync(http) is { } refused)
        {
            return refused;
        }

        var models = registry.AvailableGenerative.Select(p => new { id = p.Id, @object = "model", created = 0L, owned_by = "studio" }).ToList();
        if (ApiKeyGate.KeyOf(http) is { } key && http.RequestServices.GetService<VersionStore>() is { } versions)
        {
            models.AddRange((await versions.AllAliasesAsync(http.RequestAborted)).Where(a => key.Allows(a.BotId))
                .Select(a => new { id = $"{a.BotId}@{a.Name}", @object = "model", created = new DateTimeOffset(a.UpdatedUtc, TimeSpan.Zero).ToUnixTimeSeconds(), owned_by = "studio" }));
        }

        return Results.Json(new { @object = "list", data = models });
    }

    /// <summary>The encoder's vectors, with the same keys, rate limits and body limit as chat completions.</summary>
    private static async Task EmbedAsync(HttpContext http, Studio.Inference.Encoding.OnnxSentenceEncoder encoder)
    {
        if (await RefuseAsync(http) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        var options = http.RequestServices.GetService<IOptions<RuntimeOptions>>()?.Value ?? new RuntimeOptions();
        if (await BoundedBody.ReadAsync(http, options.MaxCompletionBodyBytes) is not { } body)
        {
            await OpenAiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"The request body is over the limit of {options.MaxCompletionBodyBytes:N0} bytes (Runtime:MaxCompletionBodyBytes).",
                code: "request_too_large").ExecuteAsync(http);
            return;
        }

        var (request, error) = EmbeddingRequest.Parse(body, encoder.ModelId, encoder.Dimensions, options.MaxEmbeddingInputs, options.MaxEmbeddingInputCharacters);
        if (error is not null)
        {
            await error.ExecuteAsync(http);
            return;
        }

        var texts = request!.Inputs;
        using var lease = await http.RequestServices.GetRequiredService<EmbeddingGate>().EnterAsync(http.RequestAborted);
        if (lease is null)
        {
            http.Response.Headers.RetryAfter = "1";
            await OpenAiErrors.Result(StatusCodes.Status429TooManyRequests, $"The encoder is busy with other embedding requests ({EmbeddingGate.QueueLimit} are waiting); retry in a moment.",
                type: "rate_limit_exceeded").ExecuteAsync(http);
            return;
        }

        // CPU work off the request thread; a caller that goes away cancels the batches not yet started.
        var vectors = await Task.Run(() => encoder.Embed(texts, null, http.RequestAborted), http.RequestAborted);
        var tokens = texts.Sum(encoder.CountTokens);
        await Results.Json(new
        {
            @object = "list",
            data = vectors.Select((v, i) => new { @object = "embedding", index = i, embedding = request.Base64 ? (object)Base64Of(v) : v }),
            model = request.Model,
            usage = new { prompt_tokens = tokens, total_tokens = tokens },
        }).ExecuteAsync(http);
    }

    // OpenAI's base64 form: the float32 values' little-endian bytes.
    private static string Base64Of(float[] vector) => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));

    private static async Task CompleteAsync(HttpContext http, ModelRegistry registry, ILoggerFactory loggers)
    {
        // The caller is known from the headers alone, so a caller who may not call at all costs no body read.
        if (await RefuseAsync(http) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        var limit = (http.RequestServices.GetService<IOptions<RuntimeOptions>>()?.Value ?? new RuntimeOptions()).MaxCompletionBodyBytes;
        if (await BoundedBody.ReadAsync(http, limit) is not { } body)
        {
            await OpenAiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"The request body is over the limit of {limit:N0} bytes (Runtime:MaxCompletionBodyBytes).",
                code: "request_too_large").ExecuteAsync(http);
            return;
        }

        // A published bot is a model too: "bot@alias" (or "bot@3"); its small models have no context window to fill.
        var (request, error) = ChatCompletionRequest.Parse(body, id => id.Contains('@', StringComparison.Ordinal) ? int.MaxValue
            : registry.Find(id) is { IsGenerative: true } p ? p.ContextSize : null);
        if (error is not null)
        {
            await error.ExecuteAsync(http);
            return;
        }

        if (request!.Model.Split('@') is [var botId, var alias] && botId.Length > 0 && alias.Length > 0)
        {
            await BotCompletions.CompleteAsync(http, request, botId, alias);
            return;
        }

        try
        {
            var client = registry.ChatClient(request!.Model);
            var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
            var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (request.Stream)
            {
                await StreamAsync(http, client, request, id, created);
            }
            else
            {
                var response = await client.GetResponseAsync(request.Messages, request.Options, http.RequestAborted);
                await Results.Json(new
                {
                    id,
                    @object = "chat.completion",
                    created,
                    model = request.Model,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = response.Text }, finish_reason = FinishReason(response.FinishReason) } },
                    usage = Usage(response.Usage),
                }).ExecuteAsync(http);
            }
        }
        catch (Exception ex) when (!http.Response.HasStarted && Map(ex) is { } mapped)
        {
            await mapped.ExecuteAsync(http);
        }
        catch (Exception ex) when (http.Response.HasStarted && ex is not OperationCanceledException)
        {
            // Headers are gone: say it in the stream, as OpenAI does, and end it.
            loggers.CreateLogger(typeof(OpenAiApi)).LogWarning(ex, "Streaming completion failed");
            await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(OpenAiErrors.Body(ex.Message, "server_error"))}\n\ndata: [DONE]\n\n");
        }
    }

    private static async Task StreamAsync(HttpContext http, IChatClient client, ChatCompletionRequest request, string id, long created)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        var first = true;
        await foreach (var update in client.GetStreamingResponseAsync(request.Messages, request.Options, http.RequestAborted))
        {
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
            finish = update.FinishReason ?? finish;
            if (update.Text.Length == 0 && !first)
            {
                continue;
            }

            await WriteChunkAsync(http, Chunk(id, created, request.Model, new { role = first ? "assistant" : null, content = update.Text }, null));
            first = false;
        }

        await WriteChunkAsync(http, Chunk(id, created, request.Model, new { role = (string?)null, content = (string?)null }, FinishReason(finish)));
        await WriteChunkAsync(http, new { id, @object = "chat.completion.chunk", created, model = request.Model, choices = Array.Empty<object>(), usage = Usage(usage) });
        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
    }

    internal static object Chunk(string id, long created, string model, object delta, string? finishReason) => new
    {
        id,
        @object = "chat.completion.chunk",
        created,
        model,
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    };

    internal static async Task WriteChunkAsync(HttpContext http, object chunk)
    {
        await http.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk, Json) + "\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static object Usage(UsageDetails? usage) => new
    {
        prompt_tokens = usage?.InputTokenCount ?? 0,
        completion_tokens = usage?.OutputTokenCount ?? 0,
        total_tokens = usage?.TotalTokenCount ?? (usage?.InputTokenCount ?? 0) + (usage?.OutputTokenCount ?? 0),
    };

    private static string FinishReason(ChatFinishReason? reason) => reason == ChatFinishReason.Length ? "length" : "stop";

    private static IResult? Map(Exception ex) => ex switch
    {
        ModelUnavailableException { Unknown: true } unknown => OpenAiErrors.Result(404, unknown.Message, param: "model", code: "model_not_found"),
        ModelUnavailableException unavailable => OpenAiErrors.Result(503, unavailable.Message, "server_error", code: "model_unavailable"),
        ModelBusyException busy => OpenAiErrors.Result(429, busy.Message, "server_busy", code: "model_busy"),
        ArgumentException tooLong => OpenAiErrors.Result(400, tooLong.Message, param: "messages", code: "context_length_exceeded"),
        ClientResultException { Status: > 0 } upstream => OpenAiErrors.Result(502, $"The hosted model answered {upstream.Status}: {upstream.Message}", "upstream_error"),
        Polly.CircuitBreaker.BrokenCircuitException => OpenAiErrors.Result(503, "The hosted model failed repeatedly; calls are paused for a moment.", "upstream_error"),
        _ when Causes(ex).Any(e => e is TimeoutException or Polly.Timeout.TimeoutRejectedException) => OpenAiErrors.Result(504, "The hosted model did not answer in time.", "upstream_error"),
        _ when Causes(ex).FirstOrDefault(e => e is HttpRequestException) is { } down => OpenAiErrors.Result(502, $"The hosted model could not be reached: {down.Message}", "upstream_error"),
        OperationCanceledException => null,
        _ => OpenAiErrors.Result(500, "The model failed: " + ex.Message, "server_error"),
    };

    // The OpenAI client wraps transport failures; look through the chain for the cause.
    private static IEnumerable<Exception> Causes(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
