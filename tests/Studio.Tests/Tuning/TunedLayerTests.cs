using System.Numerics.Tensors;
using Studio.Inference.Encoding;
using Studio.Inference.Tuning;
using Studio.Tests.Inference;

namespace Studio.Tests.Tuning;

/// <summary>
/// The tuned rung's trainable layer: its hand-written backward pass against finite differences, and its forward pass
/// against the encoder's own ONNX graph, read from the graph and written back into it.
/// </summary>
public sealed class TunedLayerTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static float[] Random(Random random, int count, float scale) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];

    private static TransformerLayer SmallLayer(Random random, int hidden, int heads, int inner)
    {
        float[] Gamma() => [.. Random(random, hidden, 0.3f).Select(g => 1 + g)];
        var attention = new AttentionBlock(hidden, heads,
        [
            Random(random, hidden * hidden, 0.6f), Random(random, hidden, 0.3f), Random(random, hidden * hidden, 0.6f), Random(random, hidden, 0.3f),
            Random(random, hidden * hidden, 0.6f), Random(random, hidden, 0.3f), Random(random, hidden * hidden, 0.6f), Random(random, hidden, 0.3f),
            Gamma(), Random(random, hidden, 0.3f),
        ]);
        return new TransformerLayer(attention, new FeedForwardBlock(hidden, inner, Random(random, hidden * inner, 0.5f), Random(random, inner, 0.3f),
            Random(random, inner * hidden, 0.5f), Random(random, hidden, 0.3f), Gamma(), Random(random, hidden, 0.3f)));
    }

    [Fact]
    public void TheBatchGradient_MatchesFiniteDifferences_ForEveryKindOfWeight()
    {
        const int hidden = 6, inner = 10;
        var random = new Random(5);
        var block = SmallLayer(random, hidden, heads: 2, inner);
        // Five sentences of two to four tokens, two intents: same-intent and different-intent pairs both pull.
        var tokens = Enumerable.Range(0, 5).Select(i => Random(random, (2 + (i % 3)) * hidden, 1.5f)).ToArray();
        int[] labels = [0, 0, 1, 1, 1];
        int[] batch = [0, 1, 2, 3, 4];
        var tuner = new LayerTuner { MaxDegreeOfParallelism = 2 };
        var gradient = TransformerLayer.ZerosLike(block);

        tuner.BatchGradient(block, batch, tokens, labels, gradient);

        // In double the loss would be exact; in float a central difference of this step keeps a few digits.
        const float step = 2e-3f;
        var checkedWeights = 0;
        foreach (var (weights, gradients) in block.Parameters.Zip(gradient.Parameters))
        {
            for (var k = 0; k < weights.Length; k += 3)
            {
                var original = weights[k];
                weights[k] = original + step;
                var up = LayerTuner.BatchLoss(block, batch, tokens, labels);
                weights[k] = original - step;
                var down = LayerTuner.BatchLoss(block, batch, tokens, labels);
                weights[k] = original;
                var numeric = (up - down) / (2 * step);
                Assert.True(Math.Abs(numeric - gradients[k]) < 1e-3 + (0.03 * Math.Abs(numeric)), $"weight {k} of {weights.Length}: analytic {gradients[k]}, numeric {numeric}");
                checkedWeights++;
            }
        }

        Assert.True(checkedWeights > 70);
        Assert.True(gradient.Parameters.All(p => p.Any(g => g != 0)), "every kind of weight receives a gradient");
    }

    // Sentences of three tokens; the two intents' tokens share one direction and differ a little, plus noise.
    private static (float[][] Tokens, int[] Labels) TwoOverlappingIntents(Random random, int hidden, int count)
    {
        var shared = Random(random, hidden, 1f);
        var offsets = new[] { Random(random, hidden, 1f), Random(random, hidden, 1f) };
        var labels = Enumerable.Range(0, count).Select(i => i % 2).ToArray();
        var tokens = labels.Select(label => Enumerable.Range(0, 3 * hidden)
            .Select(k => shared[k % hidden] + (0.35f * offsets[label][k % hidden]) + (0.6f * (float)(random.NextDouble() - 0.5))).ToArray()).ToArray();
        return (tokens, labels);
    }

    [Fact]
    public void Tuning_PullsAnIntentTogether_AndPushesIntentsApart_AndSaysHowFarItIs()
    {
        var random = new Random(5);
        var layer = SmallLayer(random, hidden: 8, heads: 2, inner: 16);
        var (tokens, labels) = TwoOverlappingIntents(random, 8, 40);

        double Margin(TransformerLayer tuned)
        {
            var vectors = tokens.Select(t => tuned.Embed(t)).ToArray();
            var same = new List<float>();
            var different = new List<float>();
            for (var i = 0; i < vectors.Length; i++)
            {
                for (var j = i + 1; j < vectors.Length; j++)
                {
                    (labels[i] == labels[j] ? same : different).Add(TensorPrimitives.Dot(vectors[i], vectors[j]));
                }
            }

            return same.Average() - different.Average();
        }

        var reports = new List<Studio.Inference.Classification.TrainingProgress>();
        var tuned = new LayerTuner { Epochs = 40, LearningRate = 1e-2f, IntentsPerBatch = 2, ExamplesPerIntent = 8 }
            .Train(layer, tokens, labels, new Studio.Inference.Learning.InlineProgress<Studio.Inference.Classification.TrainingProgress>(reports.Add));

        Assert.True(Margin(tuned) > Margin(layer) + 0.2, $"margin {Margin(layer):0.000} → {Margin(tuned):0.000}");
        Assert.NotEmpty(reports);
        Assert.Equal(reports[^1].Total, reports[^1].Done);
        Assert.Equal(reports.Select(r => r.Done).Order(), reports.Select(r => r.Done));
    }

    [Fact]
    public void Tuning_IsDeterministic_LeavesItsStartAlone_AndStopsWhenCancelled()
    {
        var random = new Random(2);
        var layer = SmallLayer(random, hidden: 8, heads: 2, inner: 16);
        var (tokens, labels) = TwoOverlappingIntents(random, 8, 20);
        var before = layer.Parameters.Select(p => (float[])p.Clone()).ToArray();

        var first = new LayerTuner { MaxDegreeOfParallelism = 2, LearningRate = 1e-3f }.Train(layer, tokens, labels);
        var second = new LayerTuner { MaxDegreeOfParallelism = 2, LearningRate = 1e-3f }.Train(layer, tokens, labels);

        Assert.Equal(first.Parameters.SelectMany(p => p), second.Parameters.SelectMany(p => p));
        Assert.NotEqual(before.SelectMany(p => p), first.Parameters.SelectMany(p => p));
        Assert.Equal(before.SelectMany(p => p), layer.Parameters.SelectMany(p => p));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new LayerTuner().Train(layer, tokens, labels, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void TheBlockReadFromTheGraph_GivesTheEncodersOwnVector_AndTunedWeightsWrittenBackAreWhatTheModelRuns()
    {
        var graph = new OnnxModelGraph(fixture.Encoder.ReadModel());
        var names = TopLayerNames.Find(graph);
        var block = names.Read(graph);
        Assert.Equal((384, 12, 1536), (block.Hidden, block.Attention.Heads, block.FeedForward.Inner));
        string[] texts = ["my card still hasn't arrived", "What is the daily ATM withdrawal limit?", "hi"];
        using var states = fixture.Encoder.WithModel(graph.WithOutput(names.Input), "block-input", names.Input);
        var tokens = states.TokenStates(texts);

        var own = fixture.Encoder.Embed(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(fixture.Encoder.Tokenizer.Encode(texts[i], 256).Length * block.Hidden, tokens[i].Length);
            Assert.True(TensorPrimitives.Dot(own[i], block.Embed(tokens[i])) > 0.99999f, texts[i]);
        }

        // Move every weight a little; the model with those bytes must run what the block computes.
        var moved = block.Clone();
        var random = new Random(3);
        foreach (var weights in moved.Parameters)
        {
            for (var k = 0; k < weights.Length; k++)
            {
                weights[k] += (float)(random.NextDouble() - 0.5) * 0.02f;
            }
        }

        using var tuned = TunedEncoderLayer.Create(fixture.Encoder, moved, graph);
        Assert.NotEqual(fixture.Encoder.ModelHash, tuned.Hash);
        var served = tuned.Encoder.Embed(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var expected = moved.Embed(tokens[i]);
            Assert.True(TensorPrimitives.Dot(served[i], expected) > 0.99999f, texts[i]);
            Assert.True(TensorPrimitives.Dot(served[i], own[i]) < 0.9999f, "the moved weights change the vector");
        }

        var wrongSize = new Dictionary<string, float[]> { [names.FeedForward[1]] = new float[3] };
        Assert.Throws<ArgumentException>(() => graph.WithWeights(wrongSize));
    }

    [Fact]
    public void AModelFileThatIsCutShortOrNotProtocolBuffers_IsRefusedWithAClearError()
    {
        var model = fixture.Encoder.ReadModel();
        var cut = Assert.Throws<InvalidDataException>(() => new OnnxModelGraph(model[..100_000]));
        Assert.Contains("cut short", cut.Message);

        var random = new Random(9);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var garbage = new byte[1 + random.Next(200)];
            random.NextBytes(garbage);
            Assert.Throws<InvalidDataException>(() => new OnnxModelGraph(garbage));
        }
    }
}
