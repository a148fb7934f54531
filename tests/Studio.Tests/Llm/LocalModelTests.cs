using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Tests.Support;

namespace Studio.Tests.Llm;

/// <summary>The local GGUF path with the real stories260K model.</summary>
public sealed class LocalModelTests : IDisposable
{
    private readonly ModelRegistry _registry = Registry(("stories", RepoPaths.StoriesModel, 8));

    public static ModelRegistry Registry(params (string Id, string Path, int QueueLimit)[] models) => Registry(256, models);

    public static ModelRegistry Registry(int contextSize, params (string Id, string Path, int QueueLimit)[] models) => new(
        models.ToDictionary(m => m.Id, m => new ModelProfileOptions { Kind = ModelKind.Gguf, Path = m.Path, ContextSize = contextSize, QueueLimit = m.QueueLimit }),
        _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);

    [Fact]
    public async Task TemperatureZero_WithAFixedSeed_IsDeterministic()
    {
        var client = _registry.ChatClient("stories");
        var options = new ChatOptions { Temperature = 0, Seed = 7, MaxOutputTokens = 24 };

        var first = await client.GetResponseAsync("Once upon a time", options);
        var second = await client.GetResponseAsync("Once upon a time", options);

        Assert.False(string.IsNullOrWhiteSpace(first.Text));
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(24, first.Usage!.OutputTokenCount);
        Assert.True(first.Usage.InputTokenCount > 0);
        Assert.Equal(ChatFinishReason.Length, first.FinishReason);
    }

    [Fact]
    public async Task GrammarConstrainedClassification_AlwaysReturnsOneOfTheIntents()
    {
        string[] intents = ["check_balance", "card_arrival", "transfer_money"];
        var grammar = "root ::= " + string.Join(" | ", intents.Select(i => $"\"{i}\""));
        var client = _registry.ChatClient("stories");

        foreach (var seed in Enumerable.Range(1, 6))
        {
            var options = new ChatOptions { Temperature = 1.0f, Seed = seed, MaxOutputTokens = 16, AdditionalProperties = new() { [LocalChatClient.GrammarProperty] = grammar } };
            var response = await client.GetResponseAsync($"Message {seed}: where is my new card? Intent:", options);

            Assert.Contains(response.Text.Trim(), intents);
        }
    }

    [Fact]
    public async Task CancelledGeneration_StopsPromptly_AndTheModelServesTheNextRequest()
    {
        var client = _registry.ChatClient("stories");
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 200 }, cancellation.Token))
            {
                if (++received == 3)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.InRange(received, 3, 4);
        var next = await client.GetResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 4 });
        Assert.Equal(4, next.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task FullQueue_RefusesWithBusy_InsteadOfWaitingForever()
    {
        using var registry = Registry(("busy", RepoPaths.StoriesModel, 0));
        var client = registry.ChatClient("busy");
        using var cancellation = new CancellationTokenSource();
        await using var running = client.GetStreamingResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 200 }, cancellation.Token).GetAsyncEnumerator();
        Assert.True(await running.MoveNextAsync()); // the first generation now holds the model

        await Assert.ThrowsAsync<ModelBusyException>(() => client.GetResponseAsync("Hello", new ChatOptions { MaxOutputTokens = 2 }));
        await cancellation.CancelAsync();
    }

    [Fact]
    public async Task PromptLongerThanTheContext_IsRefusedWithTheSizes()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            _registry.ChatClient("stories").GetResponseAsync(string.Concat(Enumerable.Repeat("once upon a time ", 200)), new ChatOptions { MaxOutputTokens = 8 }));

        Assert.Contains("context of 256 tokens", refused.Message);
    }

    [Fact]
    public void MissingAndCorruptFiles_AreListedUnavailable_WithTheReason()
    {
        using var temp = new TempDirectory();
        var corrupt = temp.File("corrupt.gguf");
        File.WriteAllText(corrupt, "this is not a model");
        using var registry = Registry(("missing", temp.File("nowhere.gguf"), 8), ("corrupt", corrupt, 8));

        var missing = registry.Status(registry.Find("missing")!);
        var broken = registry.Status(registry.Find("corrupt")!);

        Assert.False(missing.Available);
        Assert.Contains("nowhere.gguf' does not exist", missing.Reason);
        Assert.False(broken.Available);
        Assert.Contains("not a GGUF file", broken.Reason);
        Assert.Contains("corrupt.gguf", Assert.Throws<ModelUnavailableException>(() => registry.ChatClient("corrupt")).Message);
    }

    [Fact]
    public void SmallRungs_AreListed_ButDoNotGenerate()
    {
        Assert.Equal(["ngram", "encoder", "stories"], _registry.Profiles.Select(p => p.Id));
        Assert.True(Assert.Throws<ModelUnavailableException>(() => _registry.ChatClient("encoder")).Unknown);
    }

    public void Dispose() => _registry.Dispose();
}
