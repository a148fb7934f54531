using Studio.Core.Bots;

namespace Studio.Core.Setups;

/// <summary>
/// A setup: the rung for each task, written <c>&lt;intent&gt;[+sentiment:&lt;rung&gt;][+generation:&lt;profile&gt;]</c>, for
/// example <c>encoder</c>, <c>cascade:ngram&gt;encoder@0.7+sentiment:ngram</c> or <c>gpt(shots=8)+generation:gpt</c>.
/// Parsed once, where it enters (a comparison request, a bot's <c>models</c> section, a command line), and carried as this
/// record after that. A task left out is not measured by a comparison and, when the setup is given to a bot, left as the bot
/// has it; a bot whose <c>models</c> name no sentiment rung reads it with the head matching its first intent rung.
/// </summary>
public sealed record BotSetup(IntentSetup Intent, SentimentSetup? Sentiment = null, string? Generation = null)
{
    private const string SentimentTask = "sentiment:";
    private const string GenerationTask = "generation:";

    public static BotSetup Default { get; } = new(IntentSetup.Of(Rung.Encoder));

    public string Name => Intent.Name + (Sentiment is { } s ? "+" + SentimentTask + s.Name : "") + (Generation is { } g ? "+" + GenerationTask + g : "");

    /// <summary>
    /// The sentiment rung that runs when the setup is served: the one named, else the head that matches the first intent
    /// rung, so a setup that reads intents with n-grams does not run the encoder for sentiment alone.
    /// </summary>
    public SentimentSetup ServedSentiment => Sentiment ?? (Intent.First.Kind == RungKind.Ngram ? new SentimentSetup(SentimentKind.Ngram) : SentimentSetup.Head);

    public override string ToString() => Name;

    /// <summary>Every large-model profile the setup names, each once.</summary>
    public IReadOnlyList<string> LargeModels =>
    [
        .. Intent.Rungs.Where(r => r.IsLarge).Select(r => r.Profile!)
            .Concat(Sentiment is { Kind: SentimentKind.LargeModel, Profile: { } p } ? [p] : [])
            .Concat(Generation is { } g ? [g] : [])
            .Distinct(StringComparer.Ordinal),
    ];

    public static BotSetup Parse(string setup)
    {
        var parts = setup.Split('+', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            throw new SetupException($"'{setup}' names no intent rung: a setup starts with one, such as encoder or cascade:ngram>encoder.");
        }

        SentimentSetup? sentiment = null;
        string? generation = null;
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith(SentimentTask, StringComparison.Ordinal) && sentiment is null && part.Length > SentimentTask.Length)
            {
                sentiment = SentimentSetup.Parse(part[SentimentTask.Length..]);
            }
            else if (part.StartsWith(GenerationTask, StringComparison.Ordinal) && generation is null && part.Length > GenerationTask.Length)
            {
                generation = Rung.Parse(part[GenerationTask.Length..]) is { IsLarge: true } large && !part.Contains('(')
                    ? large.Profile
                    : throw new SetupException($"'{part}' in '{setup}' does not name a large-model profile for generation.");
            }
            else
            {
                throw new SetupException($"'{part}' in '{setup}' is not a task: after the intent rung write +sentiment:<rung> or +generation:<profile>, each at most once.");
            }
        }

        return new BotSetup(IntentSetup.Parse(parts[0]), sentiment, generation);
    }

    /// <summary>The setup a bot's <c>models</c> section describes: a cascade when it has one, else its intent rung (the encoder when none).</summary>
    public static BotSetup Of(ModelAssignment? models)
    {
        if (models is null)
        {
            return Default;
        }

        var intent = models.Cascade is { } cascade
            ? IntentSetup.Parse(CascadePolicy.Write(cascade.Small, cascade.Large, cascade.Threshold))
            : IntentSetup.Of(string.IsNullOrWhiteSpace(models.Intent) ? Rung.Encoder : Rung.Parse(models.Intent));
        return new BotSetup(intent,
            string.IsNullOrWhiteSpace(models.Sentiment) ? null : SentimentSetup.Parse(models.Sentiment),
            string.IsNullOrWhiteSpace(models.Generation) ? null : models.Generation.Trim());
    }

    /// <summary>Writes the setup into a bot's <c>models</c> section; tasks the setup does not name stay as the bot has them.</summary>
    public void ApplyTo(BotDefinition bot)
    {
        bot.Models ??= new ModelAssignment();
        if (Intent.Cascade is { } cascade)
        {
            bot.Models.Intent = cascade.Large.Name; // what answers when the cascade is taken out
            bot.Models.Cascade = new CascadeSetting { Small = cascade.Small.Name, Large = cascade.Large.Name, Threshold = cascade.Threshold };
        }
        else
        {
            bot.Models.Intent = Intent.Alone!.Name;
            bot.Models.Cascade = null;
        }

        // The encoder head is the default, written as no entry.
        if (Sentiment is { } sentiment)
        {
            bot.Models.Sentiment = sentiment.Kind == SentimentKind.Head ? null : sentiment.Name;
        }

        if (Generation is { } generation)
        {
            bot.Models.Generation = generation;
        }
    }
}
