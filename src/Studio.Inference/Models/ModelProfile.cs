namespace Studio.Inference.Models;

/// <summary>
/// A rung of the model ladder as the studio lists it. <see cref="IdleUnload"/>: how long a local model's weights stay
/// loaded without a generation before they are freed (null: until shutdown). <see cref="Threads"/>: CPU threads for a
/// local model (null: LLamaSharp's default). <see cref="ChatTemplate"/>: a chat template name (chatml, llama3, …) or
/// template text used instead of the one in the GGUF file. <see cref="Source"/>: where the profile is defined, which
/// decides whether the studio may change it. <see cref="HasStoredKey"/>: a hosted profile's API key is stored by the
/// studio, encrypted; the key itself is never part of a profile.
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
    TimeSpan? IdleUnload = null,
    int? Threads = null,
    string? ChatTemplate = null,
    ModelSource Source = ModelSource.BuiltIn,
    bool HasStoredKey = false)
{
    public bool IsGenerative => Kind is ModelKind.Gguf or ModelKind.OpenAi;

    public string RunsOn => Kind switch
    {
        ModelKind.OpenAi => Endpoint ?? "hosted",
        _ => "this machine (CPU)",
    };
}
