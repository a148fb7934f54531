using Microsoft.Extensions.AI;
using Studio.Core.Bots;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Tests.Support;

namespace Studio.Tests.Llm;

/// <summary>What a named prompt sends a large model: its instructions, and the examples its selection picks.</summary>
public sealed class IntentPromptTests
{
    /// <summary>A hosted model that answers the first intent and keeps every prompt it was sent.</summary>
    private sealed class RecordingClient : IChatClient
    {
        public List<string> Prompts { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Prompts.Add(string.Concat(messages.Select(m => m.Text)));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"intent":"greet"}""")) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 3 } });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static readonly ModelProfile Hosted = new("hosted", "Hosted", ModelKind.OpenAi, null, "https://api.example.com/v1", "m", null, 8192, null, null, 0, 0, 0);

    private static BotDefinition Bot() => new()
    {
        Id = "prompt-bot",
        Name = "Prompt bot",
        Intents =
        [
            new Intent { Name = "greet", Examples = [.. Enumerable.Range(0, 10).Select(i => $"hello number {i}")] },
            new Intent { Name = "bye", Examples = [.. Enumerable.Range(0, 10).Select(i => $"goodbye number {i}")] },
        ],
    };

    [Fact]
    public async Task ANamedPrompt_SendsItsInstructions_AndRandomExamples_TheSameForTheSameMessage()
    {
        var client = new RecordingClient();
        var tasks = new LlmTasks(client, Hosted, new NoEmbedder());
        var prompt = new IntentPrompt { Name = "terse", Instructions = "Route the message.", Examples = ShotSelection.Random };

        await tasks.ClassifyIntentAsync("hi there", Bot(), 3, prompt);
        await tasks.ClassifyIntentAsync("hi there", Bot(), 3, prompt);
        await tasks.ClassifyIntentAsync("see you", Bot(), 3, prompt);

        Assert.StartsWith("Route the message.\nIntents:\n- greet\n- bye\n", client.Prompts[0]);
        Assert.DoesNotContain(LlmTasks.DefaultIntentInstructions, client.Prompts[0]);
        Assert.Equal(3, client.Prompts[0].Split("\nIntent: ").Length - 1); // three examples, each followed by its intent
        Assert.Equal(client.Prompts[0], client.Prompts[1]);
        Assert.NotEqual(client.Prompts[0].Replace("hi there", ""), client.Prompts[2].Replace("see you", ""));
    }

    [Fact]
    public async Task AZeroShotPrompt_ShowsNoExamples_WhateverTheShots_AndTheBuiltInOneStaysTheDefault()
    {
        var client = new RecordingClient();
        var tasks = new LlmTasks(client, Hosted, new NoEmbedder());

        await tasks.ClassifyIntentAsync("hi there", Bot(), 8, new IntentPrompt { Name = "zero", Instructions = "Pick one.", Examples = ShotSelection.None });
        await tasks.ClassifyIntentAsync("hi there", Bot(), 0);

        Assert.Equal("Pick one.\nIntents:\n- greet\n- bye\nMessage: hi there\nIntent:", client.Prompts[0]);
        Assert.StartsWith(LlmTasks.DefaultIntentInstructions, client.Prompts[1]);
    }
}
