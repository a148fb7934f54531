using System.Numerics.Tensors;
using Studio.Inference.Encoding;

namespace Studio.Inference.Knowledge;

/// <summary>A passage found for a question, with what each ranker thought of it.</summary>
/// <param name="Dense">Cosine similarity of the question and passage vectors.</param>
/// <param name="Keyword">BM25 score.</param>
/// <param name="Fused">The two scores, each scaled to 0–1 for the question, weighed together.</param>
public sealed record KnowledgeHit(KnowledgeChunk Chunk, float Dense, double Keyword, double Fused);

/// <summary>How the passages are ranked: by meaning, by words, or both fused.</summary>
public enum RetrievalMode
{
    Dense,
    Keyword,
    Fused,
}

/// <summary>
/// Search over a bot's passages: exact dense search (every passage vector dotted with the question's, vectorised
/// with <see cref="TensorPrimitives"/>), BM25 keyword search, and their fusion. A question whose
/// best passage is less similar than the threshold is not answered.
/// </summary>
public sealed class KnowledgeIndex
{
    /// <summary>Cosine below which the best passage is taken not to hold the answer (chosen on the test knowledge base; see the README).</summary>
    public const float DefaultThreshold = 0.35f;

    /// <summary>
    /// The dense ranker's share of the fused score. Meaning matters more than shared words, but a rare term the
    /// question names (a code, a product) must still count: 0.6–0.7 did best on the test knowledge base
    /// (docs/decisions/0009), where reciprocal-rank fusion only matched dense search.
    /// </summary>
    public const double DenseWeight = 0.65;

    /// <summary>How much more similar a passage outside the look-alike family must be to outrank a named document that does not answer.</summary>
    public const float ScopeMargin = 0.1f;

    private readonly float[] _vectors;
    private readonly int _dimensions;

    public KnowledgeIndex(IReadOnlyList<KnowledgeChunk> chunks, IReadOnlyList<float[]> vectors, float threshold = DefaultThreshold)
    {
        Chunks = chunks;
        Threshold = threshold;
        _dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        _vectors = new float[chunks.Count * _dimensions];
        for (var i = 0; i < vectors.Count; i++)
        {
            vectors[i].CopyTo(_vectors, i * _dimensions);
        }

        Keywords = new Bm25Index([.. chunks.Select(c => c.Text)]);
        Names = DocumentNames.Build(chunks);
    }

    private static float BestDense(float[] dense, Func<int, bool> include)
    {
        var best = -1f;
        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] > best && include(i))
            {
                best = dense[i];
            }
        }

        return best;
    }

    /// <summary>The names of look-alike documents, which scope a search to the document a conversation names.</summary>
    public DocumentNames Names { get; }

    public IReadOnlyList<KnowledgeChunk> Chunks { get; }

    public float Threshold { get; }

    public Bm25Index Keywords { get; }

    /// <summary>The passage vectors, one block of <c>count × dimensions</c> (for saving a published version).</summary>
    public ReadOnlySpan<float> Vectors => _vectors;

    public static KnowledgeIndex Build(IEnumerable<(string Name, string Content)> sources, ITextEmbedder embedder, float threshold = DefaultThreshold,
        CancellationToken cancellationToken = default)
    {
        var chunks = sources.SelectMany(s => MarkdownChunker.Chunk(s.Name, s.Content)).ToList();
        return new KnowledgeIndex(chunks, embedder.Embed([.. chunks.Select(c => c.Text)], cancellationToken: cancellationToken), threshold);
    }

    /// <summary>
    /// The best passages for a question, best first, by the chosen ranking. When the question or one of the
    /// <paramref name="earlierTurns"/> names a look-alike document (a branch, a venue), that document's passages come
    /// first, ranked among themselves; the rest follow. A question that names none is ranked over the whole base.
    /// </summary>
    public IReadOnlyList<KnowledgeHit> Search(string question, float[] questionVector, int take = 5, RetrievalMode mode = RetrievalMode.Fused,
        IReadOnlyList<string>? earlierTurns = null, RetrievalTuning? tuning = null)
    {
        if (Chunks.Count == 0)
        {
            return [];
        }

        tuning ??= RetrievalTuning.Default;
        var scope = tuning.UseNames ? Names.Find(question, earlierTurns, tuning.NameThreshold) : null;
        var denseWeight = tuning.DenseWeight;

        var dense = new float[Chunks.Count];
        for (var i = 0; i < Chunks.Count; i++)
        {
            dense[i] = TensorPrimitives.Dot(_vectors.AsSpan(i * _dimensions, _dimensions), questionVector);
        }

        var keyword = Keywords.Score(question);
        var byDense = Enumerable.Range(0, Chunks.Count).OrderByDescending(i => dense[i]).ToArray();
        var byKeyword = Enumerable.Range(0, Chunks.Count).Where(i => keyword[i] > 0).OrderByDescending(i => keyword[i]).ToArray();

        // Fusion: each ranker's scores scaled to 0–1 for this question, then weighed together.
        var fused = new double[Chunks.Count];
        var (denseLow, denseHigh) = (dense.Min(), dense.Max());
        var keywordHigh = keyword.Max();
        for (var i = 0; i < Chunks.Count; i++)
        {
            fused[i] = (denseWeight * (dense[i] - denseLow) / Math.Max(1e-9, denseHigh - denseLow))
                + ((1 - denseWeight) * (keywordHigh <= 0 ? 0 : keyword[i] / keywordHigh));
        }

        var order = mode switch
        {
            RetrievalMode.Dense => byDense,
            RetrievalMode.Keyword => byKeyword,
            _ => Enumerable.Range(0, Chunks.Count).OrderByDescending(i => fused[i]).ThenByDescending(i => dense[i]).ToArray(),
        };
        // A name puts its document ahead of its look-alikes; it does not hide a page of another kind that answers when the
        // named document cannot: "I'm at Ashbourne, how do I reset my PIN?" is answered by the PIN page.
        if (scope is not null && BestDense(dense, i => scope.Contains(Chunks[i].Source)) is var named && named < Threshold
            && BestDense(dense, i => !Names.IsNamed(Chunks[i].Source)) > named + ScopeMargin)
        {
            scope = null;
        }

        if (scope is not null)
        {
            // A stable partition: the named documents' passages keep their order, ahead of everything else.
            order = [.. order.Where(i => scope.Contains(Chunks[i].Source)), .. order.Where(i => !scope.Contains(Chunks[i].Source))];
        }

        return [.. order.Take(take).Select(i => new KnowledgeHit(Chunks[i], dense[i], keyword[i], fused[i]))];
    }

    /// <summary>Whether the passages hold an answer at all: the most similar one clears the threshold.</summary>
    public bool Answers(IReadOnlyList<KnowledgeHit> hits) => hits.Count > 0 && hits.Max(h => h.Dense) >= Threshold;
}
