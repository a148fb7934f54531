using Microsoft.Extensions.DependencyInjection;
using Studio.Data.Drafts;
using Studio.Data.Publishing;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

/// <summary>Deleting and retiring published bots, on a real SQLite file.</summary>
public class BotRetirementTests : StorageTests
{
    [Fact]
    public async Task Delete_OfABotAnAliasServes_IsRefused_AndNothingIsDeleted()
    {
        await using var db = await CreateStoreAsync();
        var (versions, transcripts) = Stores(db);
        var created = await db.Store.CreateAsync(Bots.Small("served-bot"));
        await PublishAsync(versions, "served-bot", "production");
        await transcripts.AddAsync([Turn("served-bot", "c-1")]);

        var refused = await Assert.ThrowsAsync<BotPublishedException>(() => db.Store.DeleteAsync("served-bot", created.Revision));

        Assert.Contains("production \u2192 v1", refused.Message);
        Assert.Contains("Retire it first", refused.Message);
        Assert.NotNull(await db.Store.FindAsync("served-bot"));
        Assert.Single(await versions.ListAsync("served-bot"));
        Assert.Equal(1, await versions.ResolveAsync("served-bot", "production"));
        Assert.Single(await transcripts.ConversationsAsync("served-bot"));
    }

    [Fact]
    public async Task Delete_OfABotPublishedWithoutAnAlias_IsRefused_ForItIsServedByNumber()
    {
        await using var db = await CreateStoreAsync();
        var (versions, _) = Stores(db);
        var created = await db.Store.CreateAsync(Bots.Small("numbered-bot"));
        await PublishAsync(versions, "numbered-bot", alias: null);

        await Assert.ThrowsAsync<BotPublishedException>(() => db.Store.DeleteAsync("numbered-bot", created.Revision));

        Assert.Equal(1, await versions.ResolveAsync("numbered-bot", "v1"));
    }

    [Fact]
    public async Task Retire_RecordsWhoWhenAndWhy_StopsServing_AndRemovesTranscripts_ThenTheDraftCanGo()
    {
        await using var db = await CreateStoreAsync();
        var (versions, transcripts) = Stores(db);
        var created = await db.Store.CreateAsync(Bots.Small("old-bot"));
        await PublishAsync(versions, "old-bot", "production");
        await PublishAsync(versions, "old-bot", "staging");
        await transcripts.AddAsync([Turn("old-bot", "c-1"), Turn("old-bot", "c-2"), Turn("other-bot", "c-1")]);

        var retired = await versions.RetireAsync("old-bot", "  replaced by new-bot  ", "admin@studio.test");

        var record = await versions.LastRetirementAsync("old-bot");
        Assert.NotNull(record);
        Assert.Equal(retired.Id, record.Id);
        Assert.Equal("admin@studio.test", record.RetiredBy);
        Assert.Equal("replaced by new-bot", record.Reason);
        Assert.True(DateTime.UtcNow - record.RetiredUtc < TimeSpan.FromDays(1));
        Assert.Equal("v1, v2", record.Versions);
        Assert.Equal("production \u2192 v1, staging \u2192 v2", record.Aliases);
        Assert.Equal(2, record.TranscriptTurns);
        Assert.Null(await versions.ResolveAsync("old-bot", "production"));
        Assert.Null(await versions.ResolveAsync("old-bot", "v1"));
        Assert.Empty(await versions.AliasesAsync("old-bot"));
        Assert.Empty(await transcripts.ConversationsAsync("old-bot"));
        Assert.Single(await transcripts.ConversationsAsync("other-bot"));
        Assert.NotNull(await db.Store.FindAsync("old-bot")); // the draft stays until it is deleted

        await db.Store.DeleteAsync("old-bot", created.Revision);

        Assert.Null(await db.Store.FindAsync("old-bot"));
        Assert.NotNull(await versions.LastRetirementAsync("old-bot")); // the record outlives the bot
    }

    [Fact]
    public async Task ABotCreatedAgainWithTheSameId_SeesNoOldVersionsOrTranscripts()
    {
        await using var db = await CreateStoreAsync();
        var (versions, transcripts) = Stores(db);
        var first = await db.Store.CreateAsync(Bots.Small("reused-id"));
        await PublishAsync(versions, "reused-id", "production");
        await versions.RetireAsync("reused-id", "gone", "admin@studio.test");
        // A turn the writer stored after the retirement (it writes in the background) must not survive either.
        await transcripts.AddAsync([Turn("reused-id", "late")]);
        await db.Store.DeleteAsync("reused-id", first.Revision);

        await db.Store.CreateAsync(Bots.Small("reused-id"));

        Assert.Empty(await versions.ListAsync("reused-id"));
        Assert.Empty(await versions.AliasesAsync("reused-id"));
        Assert.Empty(await transcripts.ConversationsAsync("reused-id"));
        Assert.Null(await versions.ResolveAsync("reused-id", "v1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Retire_WithoutAReason_IsRefused_AndKeepsServing(string reason)
    {
        await using var db = await CreateStoreAsync();
        var (versions, _) = Stores(db);
        await db.Store.CreateAsync(Bots.Small("kept-bot"));
        await PublishAsync(versions, "kept-bot", "production");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => versions.RetireAsync("kept-bot", reason, "admin@studio.test"));

        Assert.Contains("reason", refused.Message);
        Assert.Equal(1, await versions.ResolveAsync("kept-bot", "production"));
        Assert.Null(await versions.LastRetirementAsync("kept-bot"));
    }

    private static (VersionStore Versions, TranscriptStore Transcripts) Stores(StoreFixture db) =>
        (db.Services.GetRequiredService<VersionStore>(), db.Services.GetRequiredService<TranscriptStore>());

    private static Task<BotVersion> PublishAsync(VersionStore versions, string botId, string? alias) =>
        versions.AddAsync(new BotVersion { BotId = botId, BotRevision = 1, Document = "{}", ContentHash = Guid.NewGuid().ToString("N"), Gate = "{}", PublishedBy = "admin@studio.test" }, alias);

    private static TranscriptTurn Turn(string botId, string conversation) => new()
    {
        BotId = botId, Version = 1, ConversationId = conversation, UserText = "hello", Replies = "hi", CreatedUtc = DateTime.UtcNow,
    };
}
