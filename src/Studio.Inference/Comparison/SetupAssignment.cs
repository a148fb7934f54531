using Studio.Core.Bots;
using Studio.Inference.Classification;

namespace Studio.Inference.Comparison;

/// <summary>Writes a setup into a bot's <c>models</c> section: the intent rung or cascade, and the sentiment and generation rungs it names.</summary>
public static class SetupAssignment
{
    public static void Apply(BotDefinition bot, string setup)
    {
        var spec = SetupSpec.Parse(setup);
        bot.Models ??= new ModelAssignment();
        if (CascadeIntentClassifier.Parse(spec.Intent) is { } cascade)
        {
            bot.Models.Intent = cascade.Large; // what answers when the cascade is not in use
            bot.Models.Cascade = new CascadeSetting { Small = cascade.Small, Large = cascade.Large, Threshold = cascade.Threshold };
        }
        else
        {
            bot.Models.Intent = spec.Intent;
            bot.Models.Cascade = null;
        }

        // Tasks the setup does not name stay as the bot has them; the small head is the default, written as no entry.
        if (spec.Sentiment is { } sentiment)
        {
            bot.Models.Sentiment = sentiment == SetupSpec.SentimentHead ? null : sentiment;
        }

        if (spec.Generation is { } generation)
        {
            bot.Models.Generation = generation;
        }
    }
}
