using Microsoft.Extensions.Options;
using Studio.Application.Runtime;
using Studio.Application.ScaleOut;
using Studio.Tests.Support;

namespace Studio.Tests.ScaleOut;

/// <summary>Two nodes (two connections to one Redis) never hold the same conversation at once.</summary>
public sealed class ConversationLocksTests : IDisposable
{
    private readonly TestRedis _redis = new();

    [Fact]
    public async Task AConversationHeldOnOneNode_WaitsOnTheOther_UntilReleased()
    {
        using var first = RedisConnection.Connect(new RedisOptions { Configuration = _redis.Configuration });
        using var second = RedisConnection.Connect(new RedisOptions { Configuration = _redis.Configuration });
        var nodeA = new ConversationLocks(Options.Create(new RuntimeOptions()), first);
        var nodeB = new ConversationLocks(Options.Create(new RuntimeOptions()), second);

        var held = await nodeA.EnterAsync("bot:1:1:c-1", CancellationToken.None);
        var waiting = nodeB.EnterAsync("bot:1:1:c-1", CancellationToken.None);
        var other = await nodeB.EnterAsync("bot:1:1:c-2", CancellationToken.None); // another conversation is not held up
        await other.DisposeAsync();
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "the second node entered while the first held the conversation");

        await held.DisposeAsync();
        await (await waiting).DisposeAsync();
    }

    [Fact]
    public async Task AConversationHeldLongerThanTheWait_IsRefusedAsBusy()
    {
        using var first = RedisConnection.Connect(new RedisOptions { Configuration = _redis.Configuration });
        using var second = RedisConnection.Connect(new RedisOptions { Configuration = _redis.Configuration });
        var nodeA = new ConversationLocks(Options.Create(new RuntimeOptions()), first);
        var impatient = new ConversationLocks(Options.Create(new RuntimeOptions { ConversationLockWaitSeconds = 0 }), second);

        await using var held = await nodeA.EnterAsync("bot:1:1:busy", CancellationToken.None);
        var busy = await Assert.ThrowsAsync<ConversationBusyException>(() => impatient.EnterAsync("bot:1:1:busy", CancellationToken.None));
        Assert.Contains("in progress", busy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATurnWhoseLockLapsedAndWasTaken_KnowsItNoLongerHoldsTheConversation()
    {
        using var connection = RedisConnection.Connect(new RedisOptions { Configuration = _redis.Configuration });
        var locks = new ConversationLocks(Options.Create(new RuntimeOptions()), connection);
        await using var held = await locks.EnterAsync("bot:1:1:lapsed", CancellationToken.None);
        Assert.True(await held.StillHeldAsync());

        // As if the lock had expired while Redis was away and another node had taken the conversation.
        await connection.GetDatabase().StringSetAsync(RedisConnection.Prefix + "lock:bot:1:1:lapsed", "another node's token");
        Assert.False(await held.StillHeldAsync());
    }

    [Fact]
    public async Task WithoutRedis_ASecondMessageOfTheSameConversation_WaitsForTheFirst()
    {
        var locks = new ConversationLocks(Options.Create(new RuntimeOptions { ConversationLockWaitSeconds = 0 }));
        await using var held = await locks.EnterAsync("bot:1:1:local", CancellationToken.None);
        Assert.True(await held.StillHeldAsync());
        await Assert.ThrowsAsync<ConversationBusyException>(() => locks.EnterAsync("bot:1:1:local", CancellationToken.None));
    }

    public void Dispose() => _redis.Dispose();
}
