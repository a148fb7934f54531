namespace Studio.Inference.Models;

/// <summary>A local model's queue is full; the caller should retry later (HTTP 429).</summary>
public sealed class ModelBusyException(string profileId, int queueLimit)
    : Exception($"The model '{profileId}' is busy: {queueLimit} requests are already waiting. Try again shortly.");
