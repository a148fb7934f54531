using Studio.Core.Evaluation;
using Studio.Inference.Knowledge;
using Studio.Tests.Inference;
using Studio.Tests.Support;

namespace Studio.Tests.Knowledge;

/// <summary>
/// Retrieval with the real MiniLM on the knowledge base written for the tests (32 documents, 100 questions), and
/// on a second, held-out one (an IT help desk, 20 documents, 60 questions) that nothing was tuned on.
/// </summary>
public sealed class RetrievalTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static readonly IReadOnlyList<(string Name, string Content)> Documents = ReadDocuments(RepoPaths.KnowledgeBase);

    private static readonly IReadOnlyList<(string Text, string Label)> Questions = LabelledCsv.Read(Path.Combine(RepoPaths.KnowledgeBase, "questions.csv"));

    [Fact]
    public void FusedRetrieval_FindsTheRightDocument_InTheFirstFive_MoreOftenThanEitherRankerAlone()
    {
        var (dense, keyword, fused) = RecallAt5(Documents, Questions);

        Assert.True(Documents.Count >= 30 && Questions.Count == 100);
        Assert.True(fused >= 0.9, $"fused recall@5 {fused:0.00}");
        Assert.True(fused > dense && fused > keyword, $"fused {fused:0.00}, dense {dense:0.00}, keyword {keyword:0.00}");
    }

    // The fusion weight was chosen on the first set; on this one it must still hold up, not merely fit the first.
    [Fact]
    public void OnAHeldOutSet_FusedRetrieval_KeepsItsRecall_AndIsNoWorseThanEitherRanker()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "data", "knowledge-it");
        var (dense, keyword, fused) = RecallAt5(ReadDocuments(folder), LabelledCsv.Read(Path.Combine(folder, "questions.csv")));

        Assert.True(fused >= 0.9, $"fused recall@5 {fused:0.00}");
        Assert.True(fused >= dense && fused >= keyword, $"fused {fused:0.00}, dense {dense:0.00}, keyword {keyword:0.00}");
    }

    [Fact]
    public void QuestionsTheDocumentsDoNotCover_AreNotAnswered_AndCoveredOnesAre()
    {
        var index = KnowledgeIndex.Build(Documents, fixture.Encoder);
        string[] foreign = ["who won the football last night", "give me a recipe for pancakes", "what is the capital of Mongolia", "write me a poem about the sea"];

        var refused = foreign.Count(q => !index.Answers(index.Search(q, fixture.Encoder.Embed(q))));
        var answered = Questions.Count(q => index.Answers(index.Search(q.Text, fixture.Encoder.Embed(q.Text))));

        Assert.Equal(foreign.Length, refused);
        Assert.True(answered >= 90, $"{answered} of 100 covered questions answered");
    }

    private static IReadOnlyList<(string Name, string Content)> ReadDocuments(string folder) => [.. Directory.GetFiles(Path.Combine(folder, "docs"), "*.md")
        .Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))];

    // How often the right document is among the first five documents each ranker finds.
    private (double Dense, double Keyword, double Fused) RecallAt5(IReadOnlyList<(string Name, string Content)> documents, IReadOnlyList<(string Text, string Label)> questions)
    {
        var index = KnowledgeIndex.Build(documents, fixture.Encoder);
        var vectors = fixture.Encoder.Embed([.. questions.Select(q => q.Text)]);
        double At5(RetrievalMode mode) => Enumerable.Range(0, questions.Count).Count(i =>
            index.Search(questions[i].Text, vectors[i], 50, mode).Select(h => h.Chunk.Source).Distinct().Take(5).Contains(questions[i].Label)) / (double)questions.Count;
        return (At5(RetrievalMode.Dense), At5(RetrievalMode.Keyword), At5(RetrievalMode.Fused));
    }
}
