using Studio.Core.Setups;

namespace Studio.Inference.Classification;

/// <summary>A cascade of two trained rungs, escalating by the one <see cref="CascadePolicy"/>.</summary>
public sealed class CascadeIntentClassifier(IIntentClassifier small, IIntentClassifier large, float threshold) : IIntentClassifier
{
    public string Rung => CascadePolicy.Write(Small.Rung, Large.Rung, Threshold);

    public IReadOnlyList<string> Intents => Large.Intents;

    public float Threshold { get; } = threshold;

    public IIntentClassifier Small { get; } = small;

    public IIntentClassifier Large { get; } = large;

    public async ValueTask<IntentPrediction> ClassifyAsync(string text, CancellationToken cancellationToken = default)
    {
        var first = await Small.ClassifyAsync(text, cancellationToken);
        return Escalates(first)
            ? await Large.ClassifyAsync(text, cancellationToken) with { AnsweredBy = Large.Rung }
            : first with { AnsweredBy = Small.Rung };
    }

    public async Task<IReadOnlyList<IntentPrediction>> ClassifyBatchAsync(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var answers = (await Small.ClassifyBatchAsync(texts, cancellationToken: cancellationToken)).Select(p => p with { AnsweredBy = Small.Rung }).ToArray();
        var escalate = Enumerable.Range(0, texts.Count).Where(i => Escalates(answers[i])).ToArray();
        var escalated = await Large.ClassifyBatchAsync(escalate.Select(i => texts[i]).ToArray(), progress, cancellationToken);
        for (var k = 0; k < escalate.Length; k++)
        {
            answers[escalate[k]] = escalated[k] with { AnsweredBy = Large.Rung };
        }

        progress?.Report(texts.Count);
        return answers;
    }

    private bool Escalates(IntentPrediction prediction) => CascadePolicy.Escalates(prediction.OutOfScope, prediction.Confidence, Threshold);

    /// <summary>
    /// The lowest threshold whose cascade, on held-out examples, stays within <paramref name="tolerance"/> of
    /// the large rung's accuracy: as much as possible is answered by the small rung without losing quality.
    /// </summary>
    public static float ChooseThreshold(IReadOnlyList<IntentPrediction> small, IReadOnlyList<IntentPrediction> large, IReadOnlyList<string> expected, double tolerance = 0.005)
    {
        var largeAccuracy = Enumerable.Range(0, expected.Count).Count(i => large[i].Intent == expected[i]) / (double)Math.Max(1, expected.Count);
        foreach (var candidate in small.Select(p => p.Confidence).Append(0f).Append(1f).Distinct().Order())
        {
            var correct = Enumerable.Range(0, expected.Count).Count(i =>
                (CascadePolicy.Escalates(small[i].OutOfScope, small[i].Confidence, candidate) ? large[i].Intent : small[i].Intent) == expected[i]);
            if (correct / (double)Math.Max(1, expected.Count) >= largeAccuracy - tolerance)
            {
                return candidate;
            }
        }

        return 1f;
    }
}
