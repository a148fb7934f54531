using Studio.Inference.Knowledge;
using Studio.Tests.Support;

namespace Studio.Tests.Knowledge;

/// <summary>Look-alike documents told apart by the name a conversation says, on the look-alike branch pages in tests/data.</summary>
public class DocumentNamesTests
{
    private static readonly Lazy<DocumentNames> Branches = new(() => DocumentNames.Build(
        [.. Directory.GetFiles(Path.Combine(RepoPaths.VenueKnowledgeBase, "docs"), "*.md").Order(StringComparer.Ordinal)
            .SelectMany(f => MarkdownChunker.Chunk(Path.GetFileName(f), File.ReadAllText(f)))]));

    [Theory]
    [InlineData("is there parking at the ashbourne branch", "branch-ashbourne.md")]
    [InlineData("is there parking at ashburn", "branch-ashbourne.md")]
    [InlineData("can i park at kings berry", "branch-kingsbury.md")]
    [InlineData("does westun have a hearing loop", "branch-weston.md")]
    [InlineData("Is the ASHBY branch open on Saturday?", "branch-ashby.md")]
    public void ANameSaidOrMisheard_FindsItsDocument(string message, string expected)
    {
        var found = Branches.Value.Find(message, null);

        Assert.NotNull(found);
        Assert.Contains(expected, found);
        Assert.True(found.Count <= 2, string.Join(", ", found));
    }

    [Fact]
    public void AQuestionThatNamesNothing_UsesTheLatestEarlierTurnThatNamesOne()
    {
        var found = Branches.Value.Find("is there anywhere to park", ["i bank at ashford", "actually i'm going to the kingsley branch", "thanks"]);

        Assert.Equal(["branch-kingsley.md"], found);
    }

    [Theory]
    [InlineData("how far from the station is it")]
    [InlineData("what time do you open on saturday")]
    [InlineData("is there parking")]
    public void WordsEveryBranchPageUses_NameNoBranch(string message)
    {
        Assert.Null(Branches.Value.Find(message, null));
    }

    [Fact]
    public void NamesComeFromTitlesLessTheWordsTheFamilyShares()
    {
        var names = Branches.Value.Names;

        Assert.True(names.Count >= 100);
        Assert.Equal("ashbourne", names["branch-ashbourne.md"]);
    }

    [Fact]
    public void ABaseOfDifferentTopics_HasNoNames_SoItsSearchIsUnchanged()
    {
        var topics = Directory.GetFiles(Path.Combine(RepoPaths.KnowledgeBase, "docs"), "*.md")
            .SelectMany(f => MarkdownChunker.Chunk(Path.GetFileName(f), File.ReadAllText(f))).ToList();

        var names = DocumentNames.Build(topics);

        Assert.Empty(names.Names);
        Assert.Null(names.Find("how do I replace my card", null));
    }
}
