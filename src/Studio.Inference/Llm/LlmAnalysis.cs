using System.Text.Json.Nodes;

namespace Studio.Inference.Llm;

/// <summary>What a large rung made of one message for a bot: intent, sentiment and entities, each with its own latency, tokens and cost; or why it could not.</summary>
public sealed record LlmAnalysis(string Model, LlmResult<string>? Intent, LlmResult<string>? Sentiment, LlmResult<JsonObject>? Entities, string? Error)
{
    public double Milliseconds => (Intent?.Milliseconds ?? 0) + (Sentiment?.Milliseconds ?? 0) + (Entities?.Milliseconds ?? 0);

    public long InputTokens => (Intent?.InputTokens ?? 0) + (Sentiment?.InputTokens ?? 0) + (Entities?.InputTokens ?? 0);

    public long OutputTokens => (Intent?.OutputTokens ?? 0) + (Sentiment?.OutputTokens ?? 0) + (Entities?.OutputTokens ?? 0);

    public decimal Cost => (Intent?.Cost ?? 0) + (Sentiment?.Cost ?? 0) + (Entities?.Cost ?? 0);
}
