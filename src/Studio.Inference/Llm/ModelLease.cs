using LLama;

namespace Studio.Inference.Llm;

/// <summary>
/// The right to use a local model's weights until disposed: while any lease is out, unloading (idle, explicit or
/// on shutdown) only marks the weights and the last release frees them. Disposing twice releases once.
/// </summary>
public sealed class ModelLease(LLamaWeights weights, Action release) : IDisposable
{
    private int _released;

    public LLamaWeights Weights { get; } = weights;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}
