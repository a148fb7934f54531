using System.Diagnostics;
using Studio.Core.Bots;
using Studio.Core.Embeddings;
using Studio.Core.Entities;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;
using Studio.Inference.Sentiment;

namespace Studio.Inference.Bots;

/// <summary>
/// Trains everything a bot's small-model engine needs from its draft: both intent rungs, the sentiment head
/// fine-tuned on the bot's own labelled messages, and its entity extractor. Example vectors come from the
/// embedding cache where possible, so retraining after an edit embeds only what changed.
/// </summary>
public sealed class BotTrainer(OnnxSentenceEncoder encoder, IEmbeddingStore cache)
{
    private readonly Lazy<SentimentClassifier> _shippedSentiment = new(() => SentimentClassifier.DefaultHead(encoder));

    public TrainedBot Train(BotDefinition bot, int revision, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var warnings = new List<string>();
        var empty = bot.Intents.Where(i => i.Examples.Count == 0).Select(i => i.Name).ToList();
        if (empty.Count > 0)
        {
            warnings.Add($"Left out, no examples yet: {string.Join(", ", empty)}.");
        }

        var examples = bot.Intents.SelectMany(i => i.PlainExamples().Select(e => new LabelledText(e, i.Name))).ToList();
        if (examples.Count == 0)
        {
            throw new BotTrainingException("There is nothing to learn from yet: add at least one intent with examples, then train.");
        }

        var few = bot.Intents.Where(i => i.Examples.Count is > 0 and < 3).Select(i => i.Name).ToList();
        if (few.Count > 0)
        {
            warnings.Add($"Fewer than 3 examples in {string.Join(", ", few)}: the encoder rung uses nearest centroids instead of a trained head until every intent has 3.");
        }

        var cached = new CachedEmbedder(encoder, cache);
        var options = new TrainingOptions
        {
            OutOfScopeAccuracyCost = (bot.Fallback?.OutOfScopeAccuracyCost ?? TrainingOptions.DefaultOutOfScopeAccuracyCost * 100) / 100,
        };
        var encoderRung = EncoderIntentClassifier.Train(examples, encoder, options, cached,
            new InlineProgress<TrainingProgress>(p => progress?.Report(p with { Stage = "Encoder rung: " + p.Stage.ToLowerInvariant() })), cancellationToken: cancellationToken);
        var embedded = cached.LastComputedCount;

        progress?.Report(new TrainingProgress("N-gram rung", 0, 1));
        var ngramRung = NgramIntentClassifier.Train(examples, options, cancellationToken: cancellationToken);

        progress?.Report(new TrainingProgress("Sentiment head", 0, 1));
        var own = (bot.Sentiment?.Examples ?? []).Select(e => (e.Text, e.Label)).ToList();
        var sentiment = _shippedSentiment.Value.FineTune(own, cancellationToken);
        var ngramSentiment = NgramSentimentClassifier.Shipped.FineTune(own, cancellationToken);

        // Passage vectors go through the same cache: after a document changes, only its changed passages are embedded.
        Knowledge.KnowledgeIndex? knowledge = null;
        if (bot.Knowledge is { Sources.Count: > 0 } sources)
        {
            progress?.Report(new TrainingProgress("Knowledge passages", 0, 1));
            knowledge = Knowledge.KnowledgeIndex.Build(sources.Sources.Select(s => (s.Name, s.Content)), cached, sources.Threshold ?? Knowledge.KnowledgeIndex.DefaultThreshold, cancellationToken);
            embedded = cached.LastComputedCount + embedded;
        }

        var setup = Studio.Core.Setups.BotSetup.Of(bot.Models).Intent;
        var rung = setup.Name;
        // The tuned rung costs seconds to minutes of tuning, so only a bot whose setup serves it pays for it.
        Tuning.TunedIntentClassifier? tuned = null;
        if (setup.Rungs.Any(r => r.Kind == Studio.Core.Setups.RungKind.Tuned))
        {
            tuned = Tuning.TunedIntentClassifier.Train(examples, encoder, options, new Tuning.LayerTuner(),
                new InlineProgress<TrainingProgress>(p => progress?.Report(p with { Stage = "Tuned rung: " + p.Stage.ToLowerInvariant() })), cancellationToken);
        }

        var summary = new TrainingSummary(examples.Select(e => e.Label).Distinct().Count(), examples.Count, embedded, own.Count,
            Stopwatch.GetElapsedTime(started).TotalSeconds, warnings, knowledge?.Chunks.Count ?? 0);
        var trained = new TrainedBot(bot.Id, revision, rung, ngramRung, encoderRung, sentiment, EntityExtractor.For(bot), encoder, summary, knowledge, ngramSentiment, tuned,
            () => Tuning.TunedIntentClassifier.Train(examples, encoder, options, new Tuning.LayerTuner()));
        // Compiling the extractors' patterns and warming the encoder now keeps the first real message from being slow.
        const string warmUp = "warm-up: pay £5 to a@b.co tomorrow at 3pm";
        trained.Extract(warmUp, DateOnly.FromDateTime(DateTime.Today));
        trained.SentimentHead.Classify(warmUp, trained.Embed(warmUp));
        progress?.Report(new TrainingProgress("Trained", 1, 1));
        return trained;
    }
}
