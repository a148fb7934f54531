namespace Studio.Inference.Models;

/// <summary>
/// A rung of the model ladder as the studio lists it. <see cref="IdleUnload"/>: how long a local model's weights stay
/// loaded without a generation before they are freed (null: until shutdown).
/// </summary>
public sealed record ModelProfile(
    string Id,
    string DisplayName,
    ModelKind Kind,
    string? Path,
    string? Endpoint,
    string? Model,
    string? ApiKeyVariable,
    int ContextSize,
    long? Parameters,
    long? FileBytes,
    decimal PricePerMillionInputTokens,
    decimal PricePerMillionOutputTokens,
    int QueueLimit,
    TimeSpan? IdleUnload = null)
{
    public bool IsGenerative => Kind is ModelKind.Gguf or ModelKind.OpenAi;

    public string RunsOn => Kind switch
    {
        ModelKind.OpenAi => Endpoint ?? "hosted",
        _ => "this machine (CPU)",
    };
}
