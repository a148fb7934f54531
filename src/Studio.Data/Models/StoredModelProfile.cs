namespace Studio.Data.Models;

/// <summary>
/// A model profile added in the studio: a local GGUF file or a hosted OpenAI-compatible endpoint. A hosted key is kept
/// only as <see cref="ProtectedApiKey"/>, encrypted with ASP.NET Core Data Protection, or named as an environment variable.
/// </summary>
public sealed class StoredModelProfile
{
    public string Id { get; set; } = "";

    /// <summary><c>gguf</c> or <c>openai</c>.</summary>
    public string Kind { get; set; } = "gguf";

    public string? DisplayName { get; set; }

    public string? Path { get; set; }

    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKeyVariable { get; set; }

    /// <summary>The API key, encrypted; never shown, exported or logged.</summary>
    public string? ProtectedApiKey { get; set; }

    public int ContextSize { get; set; } = 2048;

    public int? Threads { get; set; }

    public string? ChatTemplate { get; set; }

    public long? Parameters { get; set; }

    public decimal PricePerMillionInputTokens { get; set; }

    public decimal PricePerMillionOutputTokens { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>Counts saves; a save names the revision it started from, so two admins never overwrite each other.</summary>
    public int Revision { get; set; }
}
