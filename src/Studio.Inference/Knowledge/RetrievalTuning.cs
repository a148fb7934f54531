namespace Studio.Inference.Knowledge;

/// <summary>
/// The knobs of a search: the dense ranker's share of the fused score, and how alike a spoken name must be to a
/// look-alike document's name to scope the search to it. The defaults were chosen on validation questions only
/// (<c>studio bench retrieval</c> picks them on a split's validation rows and reports the test rows).
/// </summary>
public sealed record RetrievalTuning(double DenseWeight, double NameThreshold, bool UseNames = true)
{
    public static readonly RetrievalTuning Default = new(KnowledgeIndex.DenseWeight, DocumentNames.DefaultThreshold);
}
