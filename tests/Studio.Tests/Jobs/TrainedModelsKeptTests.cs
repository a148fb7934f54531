using Studio.Application.Caching;

namespace Studio.Tests.Jobs;

/// <summary>Trained models are kept for a bounded number of recently used bots, and let go when idle.</summary>
public sealed class TrainedModelsKeptTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void PastItsCapacity_TheBotUsedLongestAgo_IsLetGo()
    {
        var cache = new IdleCache<string>(2, TimeSpan.FromMinutes(30), _clock);
        cache.Set("a", "models of a");
        cache.Set("b", "models of b");
        Assert.Equal("models of a", cache.Get("a")); // a is now the more recent

        cache.Set("c", "models of c");

        Assert.Null(cache.Get("b"));
        Assert.Equal("models of a", cache.Get("a"));
        Assert.Equal("models of c", cache.Get("c"));
    }

    [Fact]
    public void ABotIdleForTheWholeWindow_IsLetGo_ButUseKeepsItOn()
    {
        var cache = new IdleCache<string>(10, TimeSpan.FromMinutes(30), _clock);
        cache.Set("used", "models");
        cache.Set("idle", "models");

        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.NotNull(cache.Get("used"));
        _clock.Advance(TimeSpan.FromMinutes(20));

        Assert.NotNull(cache.Get("used"));
        Assert.Null(cache.Get("idle"));
    }

    [Fact]
    public void TrainingAgain_ReplacesTheKeptModels()
    {
        var cache = new IdleCache<string>(1, TimeSpan.FromMinutes(30), _clock);
        cache.Set("a", "revision 1");
        cache.Set("a", "revision 2");

        Assert.Equal("revision 2", cache.Get("a"));
    }

    [Fact]
    public void WhenMemoryIsShort_ANewEntry_LetsTheOlderHalfGo()
    {
        var short_ = false;
        var cache = new IdleCache<string>(10, TimeSpan.FromMinutes(30), _clock, () => short_);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            cache.Set(key, key);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        short_ = true;
        cache.Set("e", "e");

        Assert.Equal(3, cache.Count);
        Assert.Null(cache.Get("a"));
        Assert.Null(cache.Get("b"));
        Assert.Equal(["c", "d", "e"], new[] { "c", "d", "e" }.Select(cache.Get));
    }

    [Fact]
    public void AValueLetGo_IsDisposed_AndOneStillKeptIsNot()
    {
        var cache = new IdleCache<Held>(1, TimeSpan.FromMinutes(30), _clock);
        var first = new Held();
        var second = new Held();
        cache.Set("a", first);

        cache.Set("b", second);
        var replaced = cache.GetOrAdd("b", () => new Held());

        Assert.True(first.Disposed);
        Assert.False(second.Disposed);
        Assert.Same(second, replaced);
        cache.Clear();
        Assert.True(second.Disposed);
    }

    private sealed class Held : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
