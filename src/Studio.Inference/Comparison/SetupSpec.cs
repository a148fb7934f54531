using Studio.Inference.Classification;
using Studio.Inference.Llm;
using Studio.Inference.Models;

namespace Studio.Inference.Comparison;

/// <summary>
/// A setup: the rung for each task. Written <c>&lt;intent&gt;[+sentiment:&lt;rung&gt;][+generation:&lt;profile&gt;]</c>, for
/// example <c>encoder</c>, <c>cascade:ngram&gt;encoder@0.7</c> or <c>encoder+sentiment:gpt+generation:gpt</c>. The
/// intent rung is always there; a task left out is not measured (and, when the setup is assigned to a bot,
/// left as the bot has it). Sentiment rungs are <c>head</c> (the small sentiment head, tuned by the bot's
/// labelled examples) or a large-model profile; generation is a large-model profile that says the flow's
/// reply in its own words.
/// </summary>
public sealed record SetupSpec(string Intent, string? Sentiment = null, string? Generation = null)
{
    public const string SentimentHead = "head";

    private const string SentimentTask = "sentiment:";
    private const string GenerationTask = "generation:";

    public string Name => Intent + (Sentiment is { } s ? "+" + SentimentTask + s : "") + (Generation is { } g ? "+" + GenerationTask + g : "");

    public override string ToString() => Name;

    public static SetupSpec Parse(string setup)
    {
        var parts = setup.Split('+', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            throw new ArgumentException($"'{setup}' names no intent rung: a setup starts with one, such as encoder or cascade:ngram>encoder.");
        }

        string? sentiment = null;
        string? generation = null;
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith(SentimentTask, StringComparison.Ordinal) && sentiment is null && part.Length > SentimentTask.Length)
            {
                sentiment = part[SentimentTask.Length..];
            }
            else if (part.StartsWith(GenerationTask, StringComparison.Ordinal) && generation is null && part.Length > GenerationTask.Length)
            {
                generation = part[GenerationTask.Length..];
            }
            else
            {
                throw new ArgumentException($"'{part}' in '{setup}' is not a task: after the intent rung write +sentiment:<rung> or +generation:<profile>, each at most once.");
            }
        }

        return new SetupSpec(parts[0], sentiment, generation);
    }

    /// <summary>
    /// The setup with every rung checked against what can run it, and written the one way results are labelled
    /// (<c>gpt(shots=4)</c> is <c>gpt</c>): a run refuses a mistyped setup before it starts, not halfway through.
    /// </summary>
    public SetupSpec Checked(ModelRegistry registry)
    {
        var intent = CascadeIntentClassifier.Parse(Intent) is { } cascade
            ? CascadeIntentClassifier.Name(IntentRung(registry, cascade.Small), IntentRung(registry, cascade.Large), cascade.Threshold)
            : IntentRung(registry, Intent);
        return new SetupSpec(intent,
            Sentiment is null or SentimentHead ? Sentiment : LargeModel(registry, Sentiment, "sentiment"),
            Generation is null ? null : LargeModel(registry, Generation, "generation"));
    }

    private static string IntentRung(ModelRegistry registry, string rung) => rung is NgramIntentClassifier.RungId or EncoderIntentClassifier.RungId
        ? rung
        : LargeModelRung.Find(registry, rung)?.Name ?? throw new ArgumentException(
            $"Unknown intent rung '{rung}': use ngram, encoder or a large model ({LargeModelIds(registry)}).");

    private static string LargeModel(ModelRegistry registry, string id, string task) => registry.Find(id) is { IsGenerative: true }
        ? id
        : throw new ArgumentException($"Unknown model '{id}' for {task}: use a large-model profile ({LargeModelIds(registry)}).");

    private static string LargeModelIds(ModelRegistry registry) => string.Join(", ", registry.Profiles.Where(p => p.IsGenerative).Select(p => p.Id)) is { Length: > 0 } ids
        ? ids
        : "none is configured";
}
