using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Tests.Support;

namespace Studio.Tests.Llm;

/// <summary>Unloading the real stories260K model never pulls the weights from under a generation that is running or queued.</summary>
public sealed class ModelLeaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Dispose_WhileGenerating_LetsRunningAndQueuedGenerationsFinish_ThenFreesTheWeights()
    {
        var registry = LocalModelTests.Registry(("stories", RepoPaths.StoriesModel, 8));
        var client = registry.ChatClient("stories");
        var model = registry.Local(registry.Find("stories")!);
        await using var running = client.GetStreamingResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 32 }).GetAsyncEnumerator();
        Assert.True(await running.MoveNextAsync()); // the first generation now holds the model
        var queued = client.GetResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 8 }); // waits its turn, holding a lease
        Assert.Equal(2, model.Leases);

        registry.Dispose();

        Assert.True(model.IsLoaded);
        var pieces = 1;
        while (await running.MoveNextAsync())
        {
            pieces++;
        }

        var answer = await queued.WaitAsync(Patience);
        Assert.True(pieces > 1);
        Assert.Equal(8, answer.Usage!.OutputTokenCount);
        Assert.False(model.IsLoaded);
        Assert.Equal(0, model.Leases);
        Assert.Throws<ObjectDisposedException>(() => model.Acquire());
    }

    [Fact]
    public async Task Unload_WhileGenerating_WaitsForTheGeneration_AndTheNextRequestLoadsAgain()
    {
        using var registry = LocalModelTests.Registry(("stories", RepoPaths.StoriesModel, 8));
        var client = registry.ChatClient("stories");
        var model = registry.Local(registry.Find("stories")!);
        var text = "";
        await using (var running = client.GetStreamingResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 16 }).GetAsyncEnumerator())
        {
            Assert.True(await running.MoveNextAsync());
            var unload = model.UnloadAsync();

            Assert.False(unload.IsCompleted);
            Assert.True(model.IsLoaded);
            do
            {
                text += running.Current.Text;
            }
            while (await running.MoveNextAsync());

            await unload.WaitAsync(Patience);
        }

        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.False(model.IsLoaded);
        var next = await client.GetResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 4 });
        Assert.Equal(4, next.Usage!.OutputTokenCount);
        Assert.True(model.IsLoaded);
    }

    [Fact]
    public async Task IdleModel_IsUnloadedAfterTheConfiguredMinutes_ButNeverWhileGenerating()
    {
        var clock = new FakeTimeProvider();
        using var registry = new ModelRegistry(
            new Dictionary<string, ModelProfileOptions>
            {
                ["stories"] = new() { Kind = ModelKind.Gguf, Path = RepoPaths.StoriesModel, ContextSize = 256, IdleUnloadMinutes = 5 },
            },
            _ => new HttpClient(), NullLogger<ModelRegistry>.Instance, clock);
        var client = registry.ChatClient("stories");
        var model = registry.Local(registry.Find("stories")!);

        await using (var running = client.GetStreamingResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 16 }).GetAsyncEnumerator())
        {
            Assert.True(await running.MoveNextAsync());
            clock.Advance(TimeSpan.FromMinutes(10)); // a long generation is not idleness
            Assert.True(model.IsLoaded);
            while (await running.MoveNextAsync())
            {
            }
        }

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(model.IsLoaded);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(model.IsLoaded);
        Assert.False(registry.Status(model.Profile).Loaded);

        var next = await client.GetResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 4 });
        Assert.Equal(4, next.Usage!.OutputTokenCount);
        Assert.True(model.IsLoaded);
    }
}
