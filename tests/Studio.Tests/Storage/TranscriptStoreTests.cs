using Microsoft.Extensions.DependencyInjection;
using Studio.Data.Publishing;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

public class TranscriptStoreTests
{
    [Fact]
    public async Task TurnsPastTheRetention_AreRemoved_AndConversationsAreListedNewestFirst()
    {
        await using var db = await StoreFixture.CreateAsync();
        var store = db.Services.GetRequiredService<TranscriptStore>();
        var now = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
        TranscriptTurn Turn(string conversation, int daysAgo) => new()
        {
            BotId = "bank", Version = 1, ConversationId = conversation, UserText = "hello", Replies = "hi", CreatedUtc = now.AddDays(-daysAgo),
        };
        await store.AddAsync([Turn("old", 40), Turn("old", 39), Turn("recent", 2), Turn("today", 0)]);

        var removed = await store.DeleteOlderThanAsync(now.AddDays(-30));
        var left = await store.ConversationsAsync("bank");

        Assert.Equal(2, removed);
        Assert.Equal(["today", "recent"], left.Select(c => c.ConversationId));
        Assert.Empty(await store.ConversationsAsync("other-bot"));
    }
}
