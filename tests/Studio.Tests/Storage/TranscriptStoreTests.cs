using Microsoft.Extensions.DependencyInjection;
using Studio.Data.Publishing;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

public class TranscriptStoreTests : StorageTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    private static TranscriptTurn Turn(string conversation, int daysAgo, int keptDays = 30, string bot = "bank") => new()
    {
        BotId = bot, Version = 1, ConversationId = conversation, UserText = "hello", Replies = "hi", CreatedUtc = Now.AddDays(-daysAgo),
        ExpiresUtc = Now.AddDays(keptDays - daysAgo),
    };

    [Fact]
    public async Task TurnsPastTheRetention_AreRemoved_AndConversationsAreListedNewestFirst()
    {
        await using var db = await CreateStoreAsync();
        var store = db.Services.GetRequiredService<TranscriptStore>();
        await store.AddAsync([Turn("old", 40), Turn("old", 39), Turn("recent", 2), Turn("today", 0), Turn("short", 5, keptDays: 3)]);

        var removed = await store.DeleteExpiredAsync(Now);
        var left = await store.ConversationsAsync("bank");

        Assert.Equal(3, removed);
        Assert.Equal(["today", "recent"], left.Select(c => c.ConversationId));
        Assert.Empty(await store.ConversationsAsync("other-bot"));
    }

    [Fact]
    public async Task ShorterRetention_AppliesToTurnsAlreadyKept_OfThatBotOnly_AndNeverLengthens()
    {
        await using var db = await CreateStoreAsync();
        var store = db.Services.GetRequiredService<TranscriptStore>();
        await store.AddAsync([Turn("a", 10), Turn("b", 2), Turn("c", 1, keptDays: 1), Turn("other", 10, bot: "shop")]);

        var shortened = await store.CapRetentionAsync("bank", 7);
        var longer = await store.CapRetentionAsync("bank", 90);
        await store.DeleteExpiredAsync(Now);

        Assert.Equal(2, shortened); // "c" was already shorter than 7 days
        Assert.Equal(0, longer);
        Assert.Equal(["c", "b"], (await store.ConversationsAsync("bank")).Select(c => c.ConversationId));
        Assert.Single(await store.ConversationsAsync("shop"));
    }
}
