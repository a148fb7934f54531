namespace Studio.Inference.Models;

public enum ModelKind
{
    /// <summary>Hashed n-grams and a linear head, trained in-process.</summary>
    Ngram,

    /// <summary>A sentence encoder (ONNX) and a trained head.</summary>
    Encoder,

    /// <summary>A local GGUF model run by LLamaSharp on the CPU.</summary>
    Gguf,

    /// <summary>Any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, another Studio).</summary>
    OpenAi,
}
