namespace Studio.Inference.Models;

/// <summary>A profile that cannot run: unknown id, missing or corrupt file, endpoint without a key.</summary>
public sealed class ModelUnavailableException(string message, bool unknown = false) : Exception(message)
{
    /// <summary>True when no profile has the id (404), false when it exists but cannot run (503).</summary>
    public bool Unknown { get; } = unknown;
}
