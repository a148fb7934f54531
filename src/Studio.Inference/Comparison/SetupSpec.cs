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
}
