using System.Numerics.Tensors;
using Studio.Inference.Classification;

namespace Studio.Inference.Tuning;

/// <summary>
/// SetFit's first stage on the encoder's last transformer layer: in each batch of a few intents with a few examples
/// each, every pair of the same intent is pulled to cosine similarity 1 and every pair of different intents pushed to 0
/// (squared error on the cosine, SetFit's CosineSimilarityLoss; positive and negative pairs weigh half each), by Adam.
/// Each sentence is run forward and backward once per batch however many pairs it is in. The batch's sentences are
/// spread over the cores; on a given number of cores (and vector width) a seed gives the same weights, since the
/// partial gradients are summed in a fixed order.
/// </summary>
public sealed class LayerTuner
{
    public int Epochs { get; init; } = 8;

    /// <summary>At most this many batches in all, so a bot of ten thousand examples tunes for minutes, not an hour (about 2½ epochs of BANKING77).</summary>
    public int MaxSteps { get; init; } = 400;

    /// <summary>Adam's step, SetFit's for a whole body; 5e-5 and 2e-4 did no better on BANKING77 with ten examples an intent.</summary>
    public float LearningRate { get; init; } = 2e-5f;

    public int IntentsPerBatch { get; init; } = 16;

    public int ExamplesPerIntent { get; init; } = 4;

    public int Seed { get; init; } = 17;

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Tunes a copy of <paramref name="start"/> on each example's block inputs (<paramref name="tokens"/>: rows of the block's width).</summary>
    public TransformerLayer Train(TransformerLayer start, IReadOnlyList<float[]> tokens, IReadOnlyList<int> labels,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(IntentsPerBatch, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(ExamplesPerIntent, 2);
        var block = start.Clone();
        var byLabel = labels.Select((l, i) => (l, i)).GroupBy(p => p.l).ToDictionary(g => g.Key, g => g.Select(p => p.i).ToArray());
        if (byLabel.Count < 2)
        {
            return block;
        }

        var random = new Random(Seed);
        var optimiser = new AdamOptimiser(block.Parameters, LearningRate);
        var gradient = TransformerLayer.ZerosLike(block);
        var batchesPerEpoch = Math.Max(1, (int)Math.Ceiling(labels.Count / (double)(IntentsPerBatch * ExamplesPerIntent)));
        var total = Math.Min(MaxSteps, Epochs * batchesPerEpoch);
        for (var step = 0; step < total; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = SampleBatch(byLabel, random);
            foreach (var parameter in gradient.Parameters)
            {
                Array.Clear(parameter);
            }

            BatchGradient(block, batch, tokens, labels, gradient, cancellationToken);
            optimiser.Step(gradient.Parameters);
            if (step % 8 == 0 || step == total - 1)
            {
                progress?.Report(new TrainingProgress("Tuning the encoder's last layer on example batches", step + 1, total));
            }
        }

        return block;
    }

    /// <summary>The batch's loss (see <see cref="PairSlopes"/>) for the block's present weights.</summary>
    public static float BatchLoss(TransformerLayer block, IReadOnlyList<int> batch, IReadOnlyList<float[]> tokens, IReadOnlyList<int> labels)
    {
        var vectors = batch.Select(i => block.Embed(tokens[i])).ToArray();
        return PairSlopes(Cosines(vectors), [.. batch.Select(i => labels[i])]).Loss;
    }

    /// <summary>Adds ∂<see cref="BatchLoss"/>/∂weights to <paramref name="gradient"/>.</summary>
    public void BatchGradient(TransformerLayer block, IReadOnlyList<int> batch, IReadOnlyList<float[]> tokens, IReadOnlyList<int> labels, TransformerLayer gradient,
        CancellationToken cancellationToken = default)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxDegreeOfParallelism), CancellationToken = cancellationToken };
        var traces = new TransformerLayer.Trace[batch.Count];
        Parallel.For(0, batch.Count, parallel, i => traces[i] = block.Forward(tokens[batch[i]]));

        var d = block.Hidden;
        var units = new float[batch.Count][];
        var norms = new float[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            norms[i] = Math.Max(TensorPrimitives.Norm(traces[i].Pooled), 1e-12f);
            units[i] = new float[d];
            TensorPrimitives.Divide(traces[i].Pooled, norms[i], units[i]);
        }

        // ∂loss/∂n for each sentence's unit vector n, then through n = s / |s|: ∂s = (∂n − (∂n · n) n) / |s|.
        var slopes = PairSlopes(Cosines(units), [.. batch.Select(i => labels[i])]).Slopes;
        var pooledGradients = new float[batch.Count][];
        for (var i = 0; i < batch.Count; i++)
        {
            var g = pooledGradients[i] = new float[d];
            for (var j = 0; j < batch.Count; j++)
            {
                if (j != i && slopes[i, j] != 0)
                {
                    TensorPrimitives.MultiplyAdd(units[j], slopes[i, j], g, g);
                }
            }

            TensorPrimitives.MultiplyAdd(units[i], -TensorPrimitives.Dot(g, units[i]), g, g);
            TensorPrimitives.Divide(g, norms[i], g);
        }

        // One partial gradient per worker over a fixed share of the sentences, summed in worker order.
        var workers = Math.Clamp(MaxDegreeOfParallelism, 1, batch.Count);
        var partials = new TransformerLayer[workers];
        Parallel.For(0, workers, parallel, w =>
        {
            var partial = w == 0 ? gradient : TransformerLayer.ZerosLike(block);
            for (var i = w; i < batch.Count; i += workers)
            {
                block.Backward(tokens[batch[i]], traces[i], pooledGradients[i], partial);
            }

            partials[w] = partial;
        });
        for (var w = 1; w < workers; w++)
        {
            foreach (var (sum, part) in gradient.Parameters.Zip(partials[w].Parameters))
            {
                TensorPrimitives.Add(sum, part, sum);
            }
        }
    }

    private static float[,] Cosines(float[][] units)
    {
        var cosines = new float[units.Length, units.Length];
        for (var i = 0; i < units.Length; i++)
        {
            for (var j = i + 1; j < units.Length; j++)
            {
                cosines[i, j] = cosines[j, i] = TensorPrimitives.Dot(units[i], units[j]);
            }
        }

        return cosines;
    }

    /// <summary>
    /// The loss over the batch's pairs and ∂loss/∂cos for each pair (symmetric): SetFit's cosine loss, ½ mean over
    /// same-intent pairs of (c − 1)² + ½ mean over the others of c², so a batch of few same-intent pairs still pulls them.
    /// </summary>
    public static (float Loss, float[,] Slopes) PairSlopes(float[,] cosines, int[] labels)
    {
        var n = labels.Length;
        var positives = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                positives += labels[i] == labels[j] ? 1 : 0;
            }
        }

        var negatives = (n * (n - 1) / 2) - positives;
        var slopes = new float[n, n];
        var loss = 0f;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var same = labels[i] == labels[j];
                var weight = same ? 0.5f / positives : 0.5f / negatives;
                var error = cosines[i, j] - (same ? 1f : 0f);
                loss += weight * error * error;
                slopes[i, j] = slopes[j, i] = 2 * weight * error;
            }
        }

        return (loss, slopes);
    }

    // A few intents, a few examples each, drawn without repeats inside the batch.
    private List<int> SampleBatch(Dictionary<int, int[]> byLabel, Random random)
    {
        var intents = byLabel.Keys.ToArray();
        random.Shuffle(intents);
        var batch = new List<int>(IntentsPerBatch * ExamplesPerIntent);
        foreach (var intent in intents.Take(IntentsPerBatch))
        {
            var pool = (int[])byLabel[intent].Clone();
            random.Shuffle(pool);
            batch.AddRange(pool.Take(ExamplesPerIntent));
        }

        return batch;
    }
}

