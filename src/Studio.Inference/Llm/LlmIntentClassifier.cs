using Studio.Core.Bots;
using Studio.Inference.Classification;

namespace Studio.Inference.Llm;

/// <summary>A large rung as an intent classifier, so comparisons treat it like any other rung; it adds up its tokens and cost.</summary>
public sealed class LlmIntentClassifier(string rung, LlmTasks tasks, BotDefinition bot, int shots = 4) : IIntentClassifier
{
    private long _tokensIn;
    private long _tokensOut;
    private long _costMicros;

    public string Rung { get; } = rung;

    public IReadOnlyList<string> Intents { get; } = bot.Intents.Select(i => i.Name).ToList();

    public long TokensIn => Interlocked.Read(ref _tokensIn);

    public long TokensOut => Interlocked.Read(ref _tokensOut);

    public decimal Cost => Interlocked.Read(ref _costMicros) / 1_000_000m;

    public IntentPrediction Classify(string text)
    {
        // Classification is synchronous across rungs; a console or background run can afford to wait here.
        var result = tasks.ClassifyIntentAsync(text, bot, shots).GetAwaiter().GetResult();
        Interlocked.Add(ref _tokensIn, result.InputTokens);
        Interlocked.Add(ref _tokensOut, result.OutputTokens);
        Interlocked.Add(ref _costMicros, (long)(result.Cost * 1_000_000m));
        var ranking = Intents.Select(i => new IntentScore(i, i == result.Value ? 1f : 0f)).OrderByDescending(s => s.Confidence).ToList();
        return new IntentPrediction(ranking, false, 1f);
    }

    public IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var answers = new IntentPrediction[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            answers[i] = Classify(texts[i]);
            progress?.Report(i + 1);
        }

        return answers;
    }
}
