namespace Studio.Inference.Classification;

internal static class IntentLabels
{
    /// <summary>The sorted intent names and each example's index into them; out-of-scope examples are not allowed in training.</summary>
    public static (IReadOnlyList<string> Intents, int[] Labels) Of(IReadOnlyList<LabelledText> examples)
    {
        if (examples.Any(e => e.Label is null))
        {
            throw new ArgumentException("Training examples must all have an intent; out-of-scope rows belong in test data.", nameof(examples));
        }

        var intents = examples.Select(e => e.Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = intents.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return (intents, examples.Select(e => index[e.Label!]).ToArray());
    }
}
