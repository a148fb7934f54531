using Studio.Core.Evaluation;
using Studio.Inference.Knowledge;
using Studio.Tests.Inference;
using Studio.Tests.Support;

namespace Studio.Tests.Knowledge;

/// <summary>Retrieval on the knowledge base written for the tests (32 documents, 100 questions), with the real MiniLM.</summary>
public sealed class RetrievalTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static readonly IReadOnlyList<(string Name, string Content)> Documents = [.. Directory.GetFiles(Path.Combine(RepoPaths.KnowledgeBase, "docs"), "*.md")
        .Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))];

    private static readonly IReadOnlyList<(string Text, string Label)> Questions = LabelledCsv.Read(Path.Combine(RepoPaths.KnowledgeBase, "questions.csv"));

    [Fact]
    public void FusedRetrieval_FindsTheRightDocument_InTheFirstFive_MoreOftenThanEitherRankerAlone()
    {
        var index = KnowledgeIndex.Build(Documents, fixture.Encoder);
        var vectors = fixture.Encoder.Embed([.. Questions.Select(q => q.Text)]);

        double RecallAt5(RetrievalMode mode) => Enumerable.Range(0, Questions.Count).Count(i =>
            index.Search(Questions[i].Text, vectors[i], 50, mode).Select(h => h.Chunk.Source).Distinct().Take(5).Contains(Questions[i].Label)) / (double)Questions.Count;

        var (dense, keyword, fused) = (RecallAt5(RetrievalMode.Dense), RecallAt5(RetrievalMode.Keyword), RecallAt5(RetrievalMode.Fused));

        Assert.True(Documents.Count >= 30 && Questions.Count == 100);
        Assert.True(fused >= 0.9, $"fused recall@5 {fused:0.00}");
        Assert.True(fused > dense && fused > keyword, $"fused {fused:0.00}, dense {dense:0.00}, keyword {keyword:0.00}");
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
}
