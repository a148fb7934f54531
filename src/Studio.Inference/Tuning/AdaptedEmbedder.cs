using Studio.Inference.Encoding;

namespace Studio.Inference.Tuning;

/// <summary>The encoder's vectors passed through a bot's tuned adapter; its hash names both, so cached vectors of one never pass for the other.</summary>
public sealed class AdaptedEmbedder(ITextEmbedder inner, ResidualAdapter adapter) : ITextEmbedder
{
    public ITextEmbedder Inner => inner;

    public ResidualAdapter Adapter => adapter;

    public string ModelHash { get; } = $"{inner.ModelHash}+adapter:{adapter.Hash[..16]}";

    public int Dimensions => inner.Dimensions;

    public float[] Embed(string text) => adapter.Apply(inner.Embed(text));

    public float[][] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        [.. inner.Embed(texts, progress, cancellationToken).Select(v => adapter.Apply(v))];
}
