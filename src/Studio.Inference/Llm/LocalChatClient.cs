using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Studio.Inference.Llm;

/// <summary>
/// A local GGUF model behind <see cref="IChatClient"/>: the model's chat template, streaming, cancellation and
/// token usage. A GBNF grammar can be passed as the additional property <c>grammar</c>.
/// </summary>
public sealed class LocalChatClient(LocalGgufModel model) : IChatClient
{
    public const string GrammarProperty = "grammar";

    public const int DefaultMaxTokens = 256;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            text.Append(update.Text);
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
            finish = update.FinishReason ?? finish;
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString())) { ModelId = model.Profile.Id, Usage = usage, FinishReason = finish };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prompt = model.FormatPrompt(messages);
        var settings = new GenerationSettings(
            options?.MaxOutputTokens ?? DefaultMaxTokens,
            options?.Temperature ?? 0f,
            (uint)(options?.Seed ?? 42),
            options?.TopP ?? 1f,
            Grammar(options),
            options?.StopSequences?.ToList());
        var promptTokens = model.CountTokens(prompt);
        var outputTokens = 0;
        await foreach (var piece in model.GenerateAsync(prompt, settings, cancellationToken))
        {
            outputTokens++;
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ModelId = model.Profile.Id };
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = model.Profile.Id,
            FinishReason = outputTokens >= settings.MaxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = promptTokens, OutputTokenCount = outputTokens, TotalTokenCount = promptTokens + outputTokens })],
        };
    }

    // An explicit grammar wins; otherwise a JSON response format becomes one, so local models honour it too.
    private static string? Grammar(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(GrammarProperty, out var grammar) == true ? grammar?.ToString()
        : options?.ResponseFormat is ChatResponseFormatJson json ? (json.Schema is { } schema ? SchemaGrammar.From(schema) : SchemaGrammar.AnyObject)
        : null;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("llamasharp", null, model.Profile.Id)
        : serviceType == typeof(LocalGgufModel) ? model
        : null;

    // The model is owned by the registry, which outlives its clients.
    public void Dispose()
    {
    }
}
