using Studio.Core.Bots;
using Studio.Inference.Classification;

namespace Studio.Inference.Llm;

/// <summary>A large rung as an intent classifier, so comparisons and the served pipeline treat it like any other rung; it adds up its tokens and cost.</summary>
/// <param name="prompt">The bot's prompt the rung names; null for the built-in one.</param>
public sealed class LlmIntentClassifier(string rung, LlmTasks tasks, BotDefinition bot, int shots = 4, IntentPrompt? prompt = null) : IIntentClassifier
{
    private long _tokensIn;
    private long _tokensOut;
    private long _costMicros;

    public string Rung { get; } = rung;

    public IReadOnlyList<string> Intents { get; } = bot.Intents.Select(i => i.Name).ToList();

    public long TokensIn => Interlocked.Read(ref _tokensIn);

    public long TokensOut => Interlocked.Read(ref _tokensOut);

    public decimal Cost => Interlocked.Read(ref _costMicros) / 1_000_000m;

    public async ValueTask<IntentPrediction> ClassifyAsync(string text, CancellationToken cancellationToken = default) =>
        (await ClassifyWithUsageAsync(text, cancellationToken)).Prediction;

    /// <summary>The answer with what this one call cost, for a turn's own figures.</summary>
    public async Task<(IntentPrediction Prediction, long TokensIn, long TokensOut, decimal Cost)> ClassifyWithUsageAsync(string text, CancellationToken cancellationToken = default)
    {
        var result = await tasks.ClassifyIntentAsync(text, bot, shots, prompt, cancellationToken);
        Interlocked.Add(ref _tokensIn, result.InputTokens);
        Interlocked.Add(ref _tokensOut, result.OutputTokens);
        Interlocked.Add(ref _costMicros, (long)(result.Cost * 1_000_000m));
        var ranking = Intents.Select(i => new IntentScore(i, i == result.Value ? 1f : 0f)).OrderByDescending(s => s.Confidence).ToList();
        return (new IntentPrediction(ranking, false, 1f), result.InputTokens, result.OutputTokens, result.Cost);
    }

    public async Task<IReadOnlyList<IntentPrediction>> ClassifyBatchAsync(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var answers = new IntentPrediction[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            answers[i] = await ClassifyAsync(texts[i], cancellationToken);
            progress?.Report(i + 1);
        }

        return answers;
    }
}
