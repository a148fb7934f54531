using Studio.Inference.Bots;
using Studio.Application.Runtime;
using Studio.Web.Runtime;
using Studio.Data.Publishing;

namespace Studio.Web.Api;

/// <summary>
/// A published bot answering as an OpenAI model (<c>model: "bot@alias"</c>): the same API keys as the runtime
/// API, the client's messages replayed through the bot's flows, and its replies as the assistant's message.
/// </summary>
internal static class BotCompletions
{
    /// <summary>User messages replayed through the flows, newest last; a bot's state rarely depends on more.</summary>
    public const int MaxReplayedTurns = 20;

    public static async Task CompleteAsync(HttpContext http, ChatCompletionRequest request, string botId, string alias)
    {
        var gate = http.RequestServices.GetRequiredService<ApiKeyGate>();
        if (await gate.CheckAsync(http, botId) is { } refusal)
        {
            await OpenAiErrors.From(refusal).ExecuteAsync(http);
            return;
        }

        ServedVersion served;
        try
        {
            // The client holds the conversation, and its first message stays the same as it grows: that keeps it on one arm of a split alias.
            var opening = request.Messages.FirstOrDefault(m => m.Role == Microsoft.Extensions.AI.ChatRole.User)?.Text;
            var conversation = opening is null ? null : $"{http.Items[ApiKeyGate.KeyIdItem] as long? ?? 0}:v1:{opening}";
            served = await http.RequestServices.GetRequiredService<PublishedBots>().GetAsync(botId, alias, conversation, http.RequestAborted);
        }
        catch (VersionNotFoundException missing)
        {
            await OpenAiErrors.Result(404, missing.Message, param: "model", code: "model_not_found").ExecuteAsync(http);
            return;
        }
        catch (ModelDriftException drift)
        {
            await OpenAiErrors.Result(503, drift.Message, "server_error", code: "model_unavailable").ExecuteAsync(http);
            return;
        }

        // The same limits as the runtime API; only the latest turns are replayed, bounded in turns and characters,
        // so one call costs a bounded amount however long the client's history grows.
        var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RuntimeOptions>>().Value;
        var history = request.Messages.Where(m => m.Role == Microsoft.Extensions.AI.ChatRole.User).Select(m => m.Text).ToList();
        if (history.Count == 0)
        {
            await OpenAiErrors.Result(400, "A bot needs at least one user message.", param: "messages").ExecuteAsync(http);
            return;
        }

        if (history[^1].Length > limits.MaxMessageLength)
        {
            await OpenAiErrors.Result(413, $"The last user message is {history[^1].Length:N0} characters; the limit is {limits.MaxMessageLength:N0} (Runtime:MaxMessageLength).",
                param: "messages").ExecuteAsync(http);
            return;
        }

        var users = ReplayWindow.Of(history, MaxReplayedTurns, limits.MaxReplayedCharacters, limits.MaxMessageLength);
        IReadOnlyList<string> replies;
        ParseReply last;
        Studio.Core.Privacy.SensitiveTurn sensitive;
        Studio.Core.Conversations.TurnResult result;
        try
        {
            (replies, last, sensitive, result) = await RuntimeConversations.ReplayAsync(served, users, http.RequestAborted);
        }
        catch (Studio.Inference.Models.ModelUnavailableException unavailable)
        {
            await OpenAiErrors.Result(503, unavailable.Message, "server_error", code: "model_unavailable").ExecuteAsync(http);
            return;
        }

        // Markdown, as written: chat-completions clients render the assistant's content as Markdown, as they do a large model's.
        var content = string.Join("\n\n", replies);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        http.RequestServices.GetRequiredService<TranscriptWriter>().Add(served, new ServedTurn(VersionStore.IsVersionReference(alias, out _) ? "" : alias, "v1-" + id, http.Items[ApiKeyGate.KeyIdItem] as long? ?? 0,
            http.Items[ApiKeyGate.KeyNameItem] as string ?? "", users[^1], replies, result.Fallback, result.Handoff, last.TotalMs), last, sensitive);
        // Small rungs count no tokens; a large rung's are those of the answered turn (earlier turns are only skimmed).
        var usage = new { prompt_tokens = last.TokensIn, completion_tokens = last.TokensOut, total_tokens = last.TokensIn + last.TokensOut };
        if (request.Stream)
        {
            http.Response.ContentType = "text/event-stream";
            await OpenAiApi.WriteChunkAsync(http, OpenAiApi.Chunk(id, created, request.Model, new { role = "assistant", content }, null));
            await OpenAiApi.WriteChunkAsync(http, OpenAiApi.Chunk(id, created, request.Model, new { role = (string?)null, content = (string?)null }, "stop"));
            await OpenAiApi.WriteChunkAsync(http, new { id, @object = "chat.completion.chunk", created, model = request.Model, choices = Array.Empty<object>(), usage });
            await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
            return;
        }

        await Results.Json(new
        {
            id,
            @object = "chat.completion",
            created,
            model = request.Model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage,
        }).ExecuteAsync(http);
    }
}
