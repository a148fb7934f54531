namespace Studio.Inference.Llm;

/// <summary>What an LLM task produced, with what it cost: latency, tokens in and out, and money at the profile's prices.</summary>
public sealed record LlmResult<T>(T Value, double Milliseconds, long InputTokens, long OutputTokens, decimal Cost);
