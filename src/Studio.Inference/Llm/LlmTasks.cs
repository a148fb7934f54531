using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Studio.Core.Bots;
using Studio.Inference.Encoding;
using Studio.Inference.Models;

namespace Studio.Inference.Llm;

/// <summary>
/// The tasks a large rung does for a bot: intent classification (zero- or few-shot, the answer constrained to
/// the bot's intent names), sentiment, entity extraction into JSON, reply generation and hand-off summaries.
/// Local models are constrained with GBNF grammars, hosted ones with structured output. Every call reports
/// its latency, tokens and cost.
/// </summary>
public sealed class LlmTasks(IChatClient client, ModelProfile profile, ITextEmbedder? embedder = null)
{
    private bool IsLocal => profile.Kind == ModelKind.Gguf;

    /// <summary>The tasks on one of the registry's large-model profiles; an unknown id is the caller's mistake.</summary>
    public static LlmTasks On(ModelRegistry registry, string profileId, ITextEmbedder? embedder) => registry.Find(profileId) is { IsGenerative: true } profile
        ? new LlmTasks(registry.ChatClient(profileId), profile, embedder)
        : throw new ArgumentException($"Unknown model '{profileId}': sentiment and generation need a large-model profile.");

    /// <summary>The instructions a prompt starts with when the setup names none of the bot's.</summary>
    public const string DefaultIntentInstructions = "Classify the customer message into exactly one intent.";

    /// <summary>
    /// Picks one of the bot's intents for <paramref name="message"/>. The prompt (the bot's named one, or the built-in)
    /// says the instructions and how <paramref name="shots"/> examples are chosen: the nearest to the message by
    /// embedding (the built-in way), drawn at random, or none.
    /// </summary>
    public async Task<LlmResult<string>> ClassifyIntentAsync(string message, BotDefinition bot, int shots = 0, IntentPrompt? prompt = null,
        CancellationToken cancellationToken = default)
    {
        var names = bot.Intents.Select(i => i.Name).ToArray();
        var text = new StringBuilder(prompt?.Instructions is { Length: > 0 } instructions ? instructions.Trim() : DefaultIntentInstructions).Append("\nIntents:\n");
        foreach (var intent in bot.Intents)
        {
            text.Append("- ").Append(intent.Name).Append(intent.Description is { } d ? ": " + d : "").Append('\n');
        }

        foreach (var (example, intent) in FewShot(message, bot, shots, prompt?.Examples ?? ShotSelection.Nearest))
        {
            text.Append("Message: ").Append(example).Append("\nIntent: ").Append(intent).Append('\n');
        }

        text.Append("Message: ").Append(message).Append("\nIntent:");
        return await ChooseAsync(text.ToString(), names, "intent", cancellationToken);
    }

    public Task<LlmResult<string>> SentimentAsync(string message, CancellationToken cancellationToken = default) =>
        ChooseAsync($"Is the sentiment of this message negative, neutral or positive?\nMessage: {message}\nSentiment:", ["negative", "neutral", "positive"], "sentiment", cancellationToken);

    /// <summary>The bot's entities found in the message, as a JSON object with one key per entity (null when absent).</summary>
    public async Task<LlmResult<JsonObject>> ExtractEntitiesAsync(string message, IReadOnlyList<EntityDefinition> entities, CancellationToken cancellationToken = default)
    {
        var keys = entities.Select(e => e.Name).ToList();
        var prompt = $"Extract these fields from the message as JSON ({string.Join(", ", keys)}); use null when a field is absent.\nMessage: {message}\nJSON:";
        // Room for every key the grammar forces plus a short value each, even with a character-level vocabulary.
        var options = Options(maxTokens: keys.Sum(k => k.Length + JsonGrammar.MaxValueLength + 8) + 8);
        if (IsLocal)
        {
            options.AdditionalProperties = new() { [LocalChatClient.GrammarProperty] = JsonGrammar.FlatObject(keys) };
        }
        else
        {
            options.ResponseFormat = ChatResponseFormat.Json;
        }

        var (text, started, response) = await RunAsync(prompt, options, cancellationToken);
        JsonObject parsed;
        try
        {
            parsed = JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            parsed = []; // a hosted model that ignored the format: report nothing rather than guess
        }

        return Result(parsed, started, response);
    }

    /// <summary>A reply from a prompt template (<c>{message}</c> and <c>{history}</c> are filled in) and the conversation so far.</summary>
    public async Task<LlmResult<string>> GenerateReplyAsync(string template, IReadOnlyList<ChatMessage> history, string message, int maxTokens = 128, CancellationToken cancellationToken = default)
    {
        var transcript = string.Join("\n", history.Select(m => $"{m.Role.Value}: {m.Text}"));
        var prompt = template.Replace("{history}", transcript, StringComparison.Ordinal).Replace("{message}", message, StringComparison.Ordinal);
        var (text, started, response) = await RunAsync(prompt, Options(maxTokens), cancellationToken);
        return Result(text.Trim(), started, response);
    }

    /// <summary>
    /// Says what the flow decided to say (<paramref name="intended"/>) in the model's own words, streaming each piece of
    /// text to <paramref name="onText"/> as it arrives; the result holds the whole reply with its tokens and cost.
    /// </summary>
    public async Task<LlmResult<string>> StreamRephrasedReplyAsync(string botName, string intended, string message, Action<string> onText, int maxTokens = 96,
        CancellationToken cancellationToken = default)
    {
        var prompt = $"You are the assistant of {botName}. Answer the customer briefly and politely, saying what this reply says: \"{intended}\"\nCustomer: {message}\nAssistant:";
        var started = Stopwatch.GetTimestamp();
        var text = new StringBuilder();
        UsageDetails? usage = null;
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { Temperature = 0.7f, MaxOutputTokens = maxTokens }, cancellationToken))
        {
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
            if (update.Text is { Length: > 0 } piece)
            {
                text.Append(piece);
                onText(piece);
            }
        }

        return Result(text.ToString().Trim(), started, new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString())) { Usage = usage });
    }

    /// <summary>A short summary of the conversation for the human agent taking over.</summary>
    public async Task<LlmResult<string>> SummariseForHandoffAsync(IReadOnlyList<ChatMessage> history, int maxTokens = 96, CancellationToken cancellationToken = default)
    {
        var prompt = "Summarise this customer conversation in two sentences for the human agent taking over.\n"
            + string.Join("\n", history.Select(m => $"{m.Role.Value}: {m.Text}")) + "\nSummary:";
        var (text, started, response) = await RunAsync(prompt, Options(maxTokens), cancellationToken);
        return Result(text.Trim(), started, response);
    }

    private async Task<LlmResult<string>> ChooseAsync(string prompt, string[] choices, string field, CancellationToken cancellationToken)
    {
        var options = Options(maxTokens: choices.Max(c => c.Length) + 8);
        if (IsLocal)
        {
            options.AdditionalProperties = new() { [LocalChatClient.GrammarProperty] = JsonGrammar.OneOf(choices) };
        }
        else
        {
            var schema = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { [field] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. choices.Select(c => (JsonNode?)c)]) } },
                ["required"] = new JsonArray(field),
                ["additionalProperties"] = false,
            };
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema), field + "_choice");
        }

        var (text, started, response) = await RunAsync(prompt, options, cancellationToken);
        var answer = IsLocal ? text.Trim() : ReadField(text, field);
        // The grammar or schema should already guarantee this; a model that slips still yields a valid answer.
        var chosen = choices.FirstOrDefault(c => c == answer) ?? choices.FirstOrDefault(c => answer.Contains(c, StringComparison.OrdinalIgnoreCase)) ?? choices[0];
        return Result(chosen, started, response);
    }

    private IEnumerable<(string Text, string Intent)> FewShot(string message, BotDefinition bot, int shots, ShotSelection selection)
    {
        if (shots <= 0 || selection == ShotSelection.None || (selection == ShotSelection.Nearest && embedder is null))
        {
            return [];
        }

        var examples = bot.Intents.SelectMany(i => i.PlainExamples().Select(e => (Text: e, Intent: i.Name))).ToList();
        if (selection == ShotSelection.Random)
        {
            // Seeded by the message, so the same message sees the same examples and a comparison can be run again.
            return examples.OrderBy(e => Studio.Core.StableHash.Of(message + "\u0001" + e.Text)).Take(shots).ToList();
        }

        var vectors = embedder!.Embed(examples.Select(e => e.Text).ToArray());
        var query = embedder.Embed(message);
        return examples.Select((e, i) => (e, Score: System.Numerics.Tensors.TensorPrimitives.Dot(vectors[i], query)))
            .OrderByDescending(p => p.Score).Take(shots).Select(p => p.e).Reverse();
    }

    private static string ReadField(string json, string field)
    {
        try
        {
            return JsonNode.Parse(json)?[field]?.GetValue<string>() ?? "";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return json;
        }
    }

    private static ChatOptions Options(int maxTokens) => new() { Temperature = 0, Seed = 42, MaxOutputTokens = maxTokens };

    private async Task<(string Text, long Started, ChatResponse Response)> RunAsync(string prompt, ChatOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken);
        return (response.Text, started, response);
    }

    private LlmResult<T> Result<T>(T value, long started, ChatResponse response)
    {
        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        var cost = (input * profile.PricePerMillionInputTokens + output * profile.PricePerMillionOutputTokens) / 1_000_000m;
        return new LlmResult<T>(value, Stopwatch.GetElapsedTime(started).TotalMilliseconds, input, output, cost);
    }
}
