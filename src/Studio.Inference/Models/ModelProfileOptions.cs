using System.ComponentModel.DataAnnotations;

namespace Studio.Inference.Models;

/// <summary>
/// One entry of the <c>Models</c> configuration section, keyed by profile id, so environment variables such as
/// <c>Models__mymodel__Kind=gguf</c> and <c>Models__mymodel__Path=...</c> add a model.
/// </summary>
public sealed class ModelProfileOptions
{
    public string? DisplayName { get; set; }

    public ModelKind Kind { get; set; } = ModelKind.Gguf;

    /// <summary>The GGUF file, for <see cref="ModelKind.Gguf"/>.</summary>
    public string? Path { get; set; }

    /// <summary>Base address of an OpenAI-compatible API (ending in /v1), for <see cref="ModelKind.OpenAi"/>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name the endpoint knows.</summary>
    public string? Model { get; set; }

    /// <summary>Name of the environment variable that holds the API key; the key itself never goes in configuration.</summary>
    public string? ApiKeyVariable { get; set; }

    [Range(16, 1_048_576)]
    public int ContextSize { get; set; } = 2048;

    /// <summary>CPU threads for a local model; unset uses LLamaSharp's default.</summary>
    [Range(1, 256)]
    public int? Threads { get; set; }

    /// <summary>A chat template name (chatml, llama3, …) or template text, instead of the one the GGUF file carries.</summary>
    [StringLength(20_000)]
    public string? ChatTemplate { get; set; }

    /// <summary>Parameter count, when known (GGUF files report their own).</summary>
    public long? Parameters { get; set; }

    [Range(0, 1_000_000)]
    public decimal PricePerMillionInputTokens { get; set; }

    [Range(0, 1_000_000)]
    public decimal PricePerMillionOutputTokens { get; set; }

    /// <summary>Generations allowed to wait for a busy local model before new ones are refused as busy.</summary>
    [Range(0, 1000)]
    public int QueueLimit { get; set; } = 8;

    /// <summary>
    /// Minutes a local model may sit unused before its weights are freed (loaded again on the next request), so
    /// memory stays bounded when several models are configured; 0 keeps them loaded until shutdown.
    /// </summary>
    [Range(0, 10_080)]
    public double IdleUnloadMinutes { get; set; }
}
