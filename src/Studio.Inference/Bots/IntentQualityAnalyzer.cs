using System.Diagnostics;
using System.Numerics.Tensors;
using Studio.Core.Bots;
using Studio.Core.Embeddings;
using Studio.Core.Evaluation;
using Studio.Inference.Classification;
using Studio.Inference.Encoding;
using Studio.Inference.Learning;

namespace Studio.Inference.Bots;

/// <summary>
/// How well a bot's own examples separate its intents: k-fold cross-validation with a rung (each example is
/// predicted by a model that never saw it), the intent pairs most confused, and examples whose nearest
/// neighbours belong to another intent.
/// </summary>
public sealed class IntentQualityAnalyzer(OnnxSentenceEncoder encoder, IEmbeddingStore cache)
{
    public const int Neighbours = 5;

    /// <summary>How many of the neighbours must agree on another intent before an example is flagged; 3 of 5 flags too many ordinary overlaps.</summary>
    public const int MinAgreeing = 4;

    public IntentQualityReport Analyze(BotDefinition bot, string rung, int folds = 5, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var examples = bot.Intents.SelectMany(i => i.PlainExamples().Select(e => new LabelledText(e, i.Name))).ToList();
        if (examples.Select(e => e.Label).Distinct().Count() < 2 || examples.Count < 10)
        {
            throw new BotTrainingException("Cross-validation needs at least two intents and ten examples in all.");
        }

        var texts = examples.Select(e => e.Text).ToArray();
        var vectors = new CachedEmbedder(encoder, cache).Embed(texts,
            new InlineProgress<int>(n => progress?.Report(new TrainingProgress("Embedding examples", n, texts.Length))), cancellationToken);
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++)
        {
            known.TryAdd(texts[i], vectors[i]);
        }

        var precomputed = new PrecomputedEmbedder(known, encoder);
        var fold = CrossValidation.StratifiedFolds(examples.Select(e => e.Label!).ToArray(), folds);
        var predicted = new string?[examples.Count];
        for (var f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new TrainingProgress($"Fold {f + 1} of {folds}", f, folds));
            var train = Enumerable.Range(0, examples.Count).Where(i => fold[i] != f).Select(i => examples[i]).ToList();
            var test = Enumerable.Range(0, examples.Count).Where(i => fold[i] == f).ToArray();
            if (rung == NgramIntentClassifier.RungId)
            {
                var model = NgramIntentClassifier.Train(train, new TrainingOptions(), cancellationToken: cancellationToken);
                foreach (var i in test)
                {
                    predicted[i] = model.Classify(texts[i]).Ranking[0].Intent;
                }
            }
            else
            {
                var model = EncoderIntentClassifier.Train(train, encoder, new TrainingOptions(), precomputed, cancellationToken: cancellationToken);
                foreach (var i in test)
                {
                    predicted[i] = model.Predict(texts[i], vectors[i]).Ranking[0].Intent;
                }
            }
        }

        var report = ClassificationReport.Compute(examples.Select(e => e.Label).ToArray(), predicted);
        progress?.Report(new TrainingProgress("Done", folds, folds));
        return new IntentQualityReport(rung, folds, report, report.Confusion.MostConfused(10), Suspects(examples, vectors), Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static List<SuspectExample> Suspects(List<LabelledText> examples, float[][] vectors)
    {
        var suspects = new List<SuspectExample>();
        var similarities = new float[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            for (var j = 0; j < examples.Count; j++)
            {
                similarities[j] = i == j ? float.MinValue : TensorPrimitives.Dot(vectors[i], vectors[j]);
            }

            var nearest = Enumerable.Range(0, examples.Count).OrderByDescending(j => similarities[j]).Take(Neighbours).Select(j => examples[j].Label!).ToList();
            var other = nearest.Where(l => l != examples[i].Label).GroupBy(l => l).OrderByDescending(g => g.Count()).FirstOrDefault();
            if (other is not null && other.Count() >= MinAgreeing)
            {
                suspects.Add(new SuspectExample(examples[i].Label!, examples[i].Text, other.Key, other.Count(), Neighbours));
            }
        }

        return [.. suspects.OrderByDescending(s => s.NeighboursAgreeing)];
    }
}
