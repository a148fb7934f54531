namespace Studio.Inference.Llm;

/// <summary>How to sample one generation. Temperature 0 with a fixed seed is deterministic.</summary>
public sealed record GenerationSettings(int MaxTokens, float Temperature = 0f, uint Seed = 42, float TopP = 1f, string? Grammar = null, IReadOnlyList<string>? Stop = null);
