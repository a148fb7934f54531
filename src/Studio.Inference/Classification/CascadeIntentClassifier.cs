namespace Studio.Inference.Classification;

/// <summary>
/// A cascade: the small rung answers when it is confident (top confidence at or above the threshold and not
/// out of scope); otherwise the message escalates to the large rung. Written <c>cascade:small&gt;large@threshold</c>.
/// </summary>
public sealed class CascadeIntentClassifier(IIntentClassifier small, IIntentClassifier large, float threshold) : IIntentClassifier
{
    public const string Prefix = "cascade:";

    /// <summary>The threshold a cascade written without one answers with where it cannot be chosen on examples.</summary>
    public const float DefaultThreshold = 0.7f;

    public string Rung => Name(Small.Rung, Large.Rung, Threshold);

    /// <summary>A cascade written out, <c>cascade:small&gt;large@threshold</c>, the threshold to three decimals (left out when null).</summary>
    public static string Name(string small, string large, double? threshold) =>
        $"{Prefix}{small}>{large}" + (threshold is { } t ? "@" + t.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "");

    public IReadOnlyList<string> Intents => Large.Intents;

    public float Threshold { get; } = threshold;

    public IIntentClassifier Small { get; } = small;

    public IIntentClassifier Large { get; } = large;

    public IntentPrediction Classify(string text)
    {
        var first = Small.Classify(text);
        return Confident(first) ? first with { AnsweredBy = Small.Rung } : Large.Classify(text) with { AnsweredBy = Large.Rung };
    }

    public IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var answers = Small.ClassifyBatch(texts, cancellationToken: cancellationToken).Select(p => p with { AnsweredBy = Small.Rung }).ToArray();
        var escalate = Enumerable.Range(0, texts.Count).Where(i => !Confident(answers[i])).ToArray();
        var escalated = Large.ClassifyBatch(escalate.Select(i => texts[i]).ToArray(), progress, cancellationToken);
        for (var k = 0; k < escalate.Length; k++)
        {
            answers[escalate[k]] = escalated[k] with { AnsweredBy = Large.Rung };
        }

        progress?.Report(texts.Count);
        return answers;
    }

    private bool Confident(IntentPrediction prediction) => !prediction.OutOfScope && prediction.Confidence >= Threshold;

    /// <summary>Parses <c>cascade:small&gt;large@threshold</c> (the threshold is optional).</summary>
    public static (string Small, string Large, float? Threshold)? Parse(string setup)
    {
        if (!setup.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var body = setup[Prefix.Length..];
        var at = body.IndexOf('@', StringComparison.Ordinal);
        var rungs = (at < 0 ? body : body[..at]).Split('>');
        if (rungs.Length != 2 || rungs.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"'{setup}' is not a cascade: write cascade:<small>><large>@<threshold>, e.g. cascade:ngram>encoder@0.7.");
        }

        float? threshold = null;
        if (at >= 0)
        {
            if (!float.TryParse(body[(at + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var t) || t is < 0 or > 1)
            {
                throw new ArgumentException($"The threshold in '{setup}' must be a number from 0 to 1.");
            }

            threshold = t;
        }

        return (rungs[0].Trim(), rungs[1].Trim(), threshold);
    }

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
                (!small[i].OutOfScope && small[i].Confidence >= candidate ? small[i].Intent : large[i].Intent) == expected[i]);
            if (correct / (double)Math.Max(1, expected.Count) >= largeAccuracy - tolerance)
            {
                return candidate;
            }
        }

        return 1f;
    }
}
