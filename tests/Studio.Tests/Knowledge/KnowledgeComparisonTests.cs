using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Bots;
using Studio.Core.Embeddings;
using Studio.Core.Evaluation;
using Studio.Inference.Bots;
using Studio.Inference.Knowledge;
using Studio.Inference.Models;
using Studio.Tests.Inference;
using Studio.Tests.Llm;
using Studio.Tests.Support;

namespace Studio.Tests.Knowledge;

/// <summary>Knowledge setups compared like any other task, with the real MiniLM and the real stories GGUF.</summary>
public sealed class KnowledgeComparisonTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>, IDisposable
{
    private readonly ModelRegistry _registry = LocalModelTests.Registry(4096, ("stories", RepoPaths.StoriesModel, 8));

    [Fact]
    public async Task EachSetup_ReportsAnswers_RightDocuments_Latency_AndTokens()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Small("kb-bot");
        bot.Knowledge = new KnowledgeSettings
        {
            Sources = [.. Directory.GetFiles(Path.Combine(RepoPaths.KnowledgeBase, "docs"), "*.md").Select(f => new KnowledgeSource { Name = Path.GetFileName(f), Content = File.ReadAllText(f) })],
        };
        var trained = new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>()).Train(bot, 1);
        var questions = KnowledgeComparison.Questions([.. LabelledCsv.Read(Path.Combine(RepoPaths.KnowledgeBase, "questions.csv")).Take(8)]);

        var results = await new KnowledgeComparison(_registry).RunAsync(trained, questions, ["dense", "keyword", "fused", "generative:stories"]);

        Assert.Equal(["dense", "keyword", "fused", "generative:stories"], results.Select(r => r.Setup));
        var fused = results[2];
        Assert.True(fused.RightSource >= 0.6, $"fused found the right document for {fused.RightSource:P0}");
        Assert.True(fused.RightSource <= fused.Answered);
        Assert.Equal(0, fused.TokensIn);
        var generative = results[3];
        Assert.True(generative.TokensIn > 8 * 100 && generative.TokensOut > 0);
        Assert.True(generative.P50Ms > fused.P50Ms);
        Assert.Contains("Unknown knowledge setup 'sparse'", (await Assert.ThrowsAsync<ArgumentException>(() => new KnowledgeComparison(_registry).RunAsync(trained, questions, ["sparse"]))).Message);
    }

    public void Dispose() => _registry.Dispose();
}
