using Studio.Application.Training;

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
}
