using Studio.Web.Api;

namespace Studio.Tests.Api;

/// <summary>Embedding requests run one at a time with a bounded queue; the rest are refused at once instead of piling up.</summary>
public sealed class EmbeddingGateTests
{
    [Fact]
    public async Task OneRuns_AFewWait_TheRestAreRefused_AndALeaveLetsTheNextIn()
    {
        using var gate = new EmbeddingGate();

        var running = await gate.EnterAsync(CancellationToken.None);
        var waiting = Enumerable.Range(0, EmbeddingGate.QueueLimit).Select(_ => gate.EnterAsync(CancellationToken.None)).ToList();
        var refused = await gate.EnterAsync(CancellationToken.None);

        Assert.NotNull(running);
        Assert.Null(refused);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        running!.Dispose();
        var next = await waiting[0];
        Assert.NotNull(next);
        Assert.Equal(1, waiting.Count(w => w.IsCompleted));
        next!.Dispose();
        foreach (var w in waiting.Skip(1))
        {
            (await w)!.Dispose();
        }

        using var again = await gate.EnterAsync(CancellationToken.None); // every lease given back: the gate is open again
        Assert.NotNull(again);
    }
}
