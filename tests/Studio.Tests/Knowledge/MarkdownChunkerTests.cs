using Studio.Inference.Knowledge;

namespace Studio.Tests.Knowledge;

public class MarkdownChunkerTests
{
    private const string Page = """
        # Card replacement

        Lost, stolen or damaged cards are replaced free of charge.

        ## Ordering a new card

        1. Open the app and choose **Cards**.
        2. Tap `Replace card`.
        3. Confirm your address.

        ### Delivery times

        | Service | Days | Fee |
        |---|---|---|
        | Standard | 5 | free |
        | Express | 1 | £10 |

        ## Reference format

        ```
        NWB-CARD-000123
        ```

        Quote it when you call.
        """;

    [Fact]
    public void Headings_StartPassages_ThatKeepTheirPath_AndBlocksStayWhole()
    {
        var chunks = MarkdownChunker.Chunk("card-replacement.md", Page);

        Assert.Equal(
            ["Card replacement", "Card replacement › Ordering a new card", "Card replacement › Ordering a new card › Delivery times", "Card replacement › Reference format"],
            chunks.Select(c => c.Citation["card-replacement.md › ".Length..]));
        Assert.Equal(["Card replacement"], chunks[0].Headings);
        Assert.Contains("| Express | 1 | £10 |", chunks[2].Markdown); // the table is quoted as written
        Assert.Equal(4, chunks[2].Markdown.Split('\n').Length); // and whole
        Assert.Contains("```\nNWB-CARD-000123\n```", chunks[3].Markdown);
        Assert.StartsWith("Card replacement. Ordering a new card. Delivery times.", chunks[2].Text); // search sees the topic first
        Assert.DoesNotContain("**", chunks[1].Text); // and plain text, not Markdown
    }

    [Fact]
    public void ALongSection_IsCutBetweenBlocks_UnderTheLimit()
    {
        var paragraphs = string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"Paragraph {i}: " + string.Concat(Enumerable.Repeat("words about fees ", 12))));
        var chunks = MarkdownChunker.Chunk("long.md", "# Fees\n\n" + paragraphs, maxChars: 600);

        Assert.True(chunks.Count >= 4);
        Assert.All(chunks, c => Assert.True(c.Markdown.Length <= 600, $"{c.Markdown.Length} characters"));
        Assert.All(chunks, c => Assert.Equal(["Fees"], c.Headings));
        Assert.Equal(12, chunks.Sum(c => c.Markdown.Split("Paragraph ").Length - 1)); // nothing lost, nothing doubled
    }

    [Fact]
    public void PlainText_IsCutBetweenParagraphs()
    {
        var chunks = MarkdownChunker.Chunk("notes.txt", "Opening hours are 9 to 5.\n\nClosed on bank holidays.", maxChars: 30);

        Assert.Equal(["Opening hours are 9 to 5.", "Closed on bank holidays."], chunks.Select(c => c.Markdown));
        Assert.All(chunks, c => Assert.Empty(c.Headings));
    }

    public static TheoryData<string, string> LongDocuments()
    {
        var random = new Random(7);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => (i % 17 == 16 ? "end." : "word" + random.Next(1000))));
        return new TheoryData<string, string>
        {
            { "paragraph.md", Words(3_000) }, // one paragraph, no line breaks
            { "sentences.txt", string.Join(" ", Enumerable.Repeat("The branch opens at nine on weekdays and at ten on Saturdays.", 400)) },
            { "one-word.md", new string('x', 50_000) }, // a single 50 KB line without spaces
            { "table.md", "| a | b |\n|---|---|\n" + string.Join("\n", Enumerable.Range(0, 500).Select(i => $"| row {i} {Words(40)} | {i} |")) },
            { "code.md", "```\n" + string.Join("\n", Enumerable.Range(0, 300).Select(_ => Words(80))) + "\n```" },
            { "list.md", string.Join("\n", Enumerable.Range(0, 400).Select(_ => "- " + Words(250))) },
            { "big.md", string.Join("\n\n", Enumerable.Range(0, 1_100).Select(i => $"Paragraph {i}: {Words(220)}")) }, // about 1.3 MB
            { "emoji.txt", string.Concat(Enumerable.Repeat("😀", 2_000)) }, // surrogate pairs with nowhere to break
        };
    }

    [Theory]
    [MemberData(nameof(LongDocuments))]
    public void EveryPassage_IsWithinTheLimit_AndNoTextIsLost(string source, string content)
    {
        var chunks = MarkdownChunker.Chunk(source, content);

        Assert.All(chunks, c => Assert.InRange(c.Markdown.Length, 1, MarkdownChunker.DefaultMaxChars));
        Assert.Equal(Squeezed(content), Squeezed(string.Concat(chunks.Select(c => c.Markdown))));
        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c.Markdown[^1]), "a passage never ends inside a surrogate pair"));
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
