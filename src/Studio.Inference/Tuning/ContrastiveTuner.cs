using System.Numerics.Tensors;
using Studio.Inference.Classification;

namespace Studio.Inference.Tuning;

/// <summary>
/// SetFit's first stage on a residual adapter: pairs of examples of the same intent are pulled to cosine similarity 1,
/// pairs of different intents pushed to 0 (squared error on the cosine, SetFit's CosineSimilarityLoss), by Adam over
/// mini-batches. The gradient is written out by hand (<see cref="PairGradient"/>) and checked against finite differences
/// in the tests; TorchSharp, which would derive it, does not load on the machines Studio targets (docs/decisions/0020).
/// Deterministic for a seed; one thread, so a two-core machine keeps a core for everything else.
/// </summary>
public sealed class ContrastiveTuner
{
    /// <summary>Pairs per example per epoch, half of them same-intent (SetFit samples 20 per example in all).</summary>
    public int PairsPerExample { get; init; } = 4;

    public int Epochs { get; init; } = 5;

    /// <summary>Stops adding pairs past this many per epoch, so a large bot's epoch stays a few seconds long.</summary>
    public int MaxPairsPerEpoch { get; init; } = 40_000;

    /// <summary>Adam's step. Larger steps overfit ten examples an intent: 1e-3 cost 0.4 points on BANKING77 10-shot, 1e-4 gained 0.6.</summary>
    public float LearningRate { get; init; } = 1e-4f;

    public int BatchSize { get; init; } = 32;

    public int Seed { get; init; } = 17;

    public ResidualAdapter Train(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var d = vectors[0].Length;
        var adapter = new ResidualAdapter(d);
        var byLabel = labels.Select((l, i) => (l, i)).GroupBy(p => p.l).ToDictionary(g => g.Key, g => g.Select(p => p.i).ToArray());
        if (byLabel.Count < 2)
        {
            return adapter;
        }

        var random = new Random(Seed);
        var gradient = new float[d * d];
        var firstMoment = new float[d * d];
        var secondMoment = new float[d * d];
        var step = 0;
        var pairsPerEpoch = Math.Min(MaxPairsPerEpoch, vectors.Count * PairsPerExample);
        var work = new PairWork(d);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var pairs = SamplePairs(labels, byLabel, pairsPerEpoch, random);
            for (var start = 0; start < pairs.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Array.Clear(gradient);
                var end = Math.Min(pairs.Count, start + BatchSize);
                for (var k = start; k < end; k++)
                {
                    var (a, b, target) = pairs[k];
                    PairGradient(adapter, vectors[a], vectors[b], target, gradient, 1f / (end - start), work);
                }

                AdamStep(adapter.Weights, gradient, firstMoment, secondMoment, ++step);
                if ((start / BatchSize) % 64 == 0)
                {
                    progress?.Report(new TrainingProgress("Tuning the encoder on example pairs", epoch * pairs.Count + start, Epochs * pairs.Count));
                }
            }
        }

        return adapter;
    }

    /// <summary>The loss of one pair: (cos(u_a, u_b) − target)², with u = v + W v.</summary>
    public static float PairLoss(ResidualAdapter adapter, float[] a, float[] b, float target)
    {
        var ua = adapter.Apply(a);
        var ub = adapter.Apply(b);
        var error = TensorPrimitives.Dot(ua, ub) - target;
        return error * error;
    }

    /// <summary>Scratch vectors for one pair, reused across a batch.</summary>
    public sealed class PairWork(int d)
    {
        public float[] Ua { get; } = new float[d];

        public float[] Ub { get; } = new float[d];

        public float[] Ga { get; } = new float[d];

        public float[] Gb { get; } = new float[d];
    }

    /// <summary>
    /// Adds <paramref name="scale"/> × ∂loss/∂W of one pair to <paramref name="gradient"/>. With n = u/|u| and c = n_a · n_b:
    /// ∂c/∂u_a = (n_b − c n_a) / |u_a|, and ∂u_a/∂W = (·) a ᵀ, so the pair adds 2 (c − t) [(∂c/∂u_a) aᵀ + (∂c/∂u_b) bᵀ].
    /// </summary>
    public static void PairGradient(ResidualAdapter adapter, float[] a, float[] b, float target, float[] gradient, float scale, PairWork work)
    {
        var d = adapter.Dimensions;
        adapter.Forward(a, work.Ua);
        adapter.Forward(b, work.Ub);
        var normA = Math.Max(TensorPrimitives.Norm(work.Ua), 1e-12f);
        var normB = Math.Max(TensorPrimitives.Norm(work.Ub), 1e-12f);
        TensorPrimitives.Divide(work.Ua, normA, work.Ua);
        TensorPrimitives.Divide(work.Ub, normB, work.Ub);
        var cosine = TensorPrimitives.Dot(work.Ua, work.Ub);
        var outer = 2 * (cosine - target) * scale;

        // ∂c/∂u_a and ∂c/∂u_b, each already times the outer factor.
        TensorPrimitives.MultiplyAdd(work.Ua, -cosine, work.Ub, work.Ga);
        TensorPrimitives.Multiply(work.Ga, outer / normA, work.Ga);
        TensorPrimitives.MultiplyAdd(work.Ub, -cosine, work.Ua, work.Gb);
        TensorPrimitives.Multiply(work.Gb, outer / normB, work.Gb);
        for (var r = 0; r < d; r++)
        {
            var row = gradient.AsSpan(r * d, d);
            TensorPrimitives.MultiplyAdd(a, work.Ga[r], row, row);
            TensorPrimitives.MultiplyAdd(b, work.Gb[r], row, row);
        }
    }

    private void AdamStep(float[] weights, float[] gradient, float[] m, float[] v, int t)
    {
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        var correction1 = 1 - MathF.Pow(beta1, t);
        var correction2 = 1 - MathF.Pow(beta2, t);
        for (var i = 0; i < weights.Length; i++)
        {
            m[i] = beta1 * m[i] + (1 - beta1) * gradient[i];
            v[i] = beta2 * v[i] + (1 - beta2) * gradient[i] * gradient[i];
            weights[i] -= LearningRate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + epsilon);
        }
    }

    // Each pair once per sampled example: half same-intent (target 1), half with a random other intent (target 0).
    private static List<(int A, int B, float Target)> SamplePairs(IReadOnlyList<int> labels, Dictionary<int, int[]> byLabel, int count, Random random)
    {
        var intents = byLabel.Keys.ToArray();
        var pairs = new List<(int, int, float)>(count);
        while (pairs.Count < count)
        {
            var a = random.Next(labels.Count);
            var same = byLabel[labels[a]];
            if (pairs.Count % 2 == 0 && same.Length > 1)
            {
                var b = same[random.Next(same.Length)];
                if (b != a)
                {
                    pairs.Add((a, b, 1f));
                }
            }
            else
            {
                var other = intents[random.Next(intents.Length)];
                if (other != labels[a])
                {
                    var pool = byLabel[other];
                    pairs.Add((a, pool[random.Next(pool.Length)], 0f));
                }
            }
        }

        return pairs;
    }
}
