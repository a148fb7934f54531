namespace Studio.Tests.Support;

/// <summary>For services that need an embedder only to run a large model's few-shot prompt, in tests that never run one.</summary>
public sealed class NoEmbedder : Studio.Inference.Encoding.ITextEmbedder
{
    public string ModelHash => "";

    public int Dimensions => 0;

    public float[] Embed(string text) => throw new NotSupportedException();

    public float[][] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
