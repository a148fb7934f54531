using Microsoft.Extensions.DependencyInjection;
using Studio.Data.Comparisons;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

public class ComparisonStoreTests : StorageTests
{
    [Fact]
    public async Task Runs_AreKeptWithTheirRevision_NewestFirst_AndGoWithTheBot()
    {
        await using var db = await CreateStoreAsync();
        var comparisons = db.Services.GetRequiredService<ComparisonStore>();
        var stored = await db.Store.CreateAsync(Bots.Small("kept"));

        var first = await comparisons.SaveAsync("kept", 1, "conversation tests (4 messages)", ["ngram", "encoder"], "{\"a\":1}");
        var second = await comparisons.SaveAsync("kept", 2, "3-fold split", ["ngram"], "{\"a\":2}");
        await comparisons.VoteAsync("kept", "encoder", "ngram", "hello");

        var list = await comparisons.ListAsync("kept");
        Assert.Equal([second, first], list.Select(r => r.Id));
        Assert.Equal((2, "3-fold split", "ngram"), (list[0].BotRevision, list[0].Suite, list[0].Setups));
        Assert.Equal("{\"a\":1}", (await comparisons.FindAsync("kept", first))!.Value.Outcome);
        Assert.Null(await comparisons.FindAsync("other-bot", first));
        Assert.Equal([new Studio.Core.Comparison.PairVote("encoder", "ngram")], await comparisons.VotesAsync("kept"));

        await db.Store.DeleteAsync("kept", stored.Revision);

        Assert.Empty(await comparisons.ListAsync("kept"));
        Assert.Empty(await comparisons.VotesAsync("kept"));
    }
}
