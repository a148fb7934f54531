namespace Studio.Inference.Models;

/// <summary>Whether a profile can be used now, and why not; for local models, whether weights are loaded and how much memory they take.</summary>
public sealed record ModelStatus(bool Available, string? Reason, bool Loaded, long? MemoryBytes, long? Parameters);
