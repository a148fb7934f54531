using Studio.Inference.Encoding;

namespace Studio.Inference.Tuning;

/// <summary>
/// Where a BERT-style ONNX export's last transformer layer sits: the tensor that enters it, its sixteen weights and its
/// head count. Exporters name the biases and LayerNorms after the layer (<c>encoder.layer.5.attention.self.query.bias</c>)
/// but give the matrices numbers, so each matrix is found as the MatMul that feeds its named bias addition, and the head
/// size from the √d the attention scores are divided by.
/// </summary>
public sealed record TopLayerNames(string Input, int Heads, IReadOnlyList<string> Attention, IReadOnlyList<string> FeedForward)
{
    private const string IntermediateBias = "intermediate.dense.bias";

    public IReadOnlyList<string> Weights => [.. Attention, .. FeedForward];

    public static TopLayerNames Find(OnnxModelGraph graph)
    {
        var producers = new Dictionary<string, OnnxModelGraph.Node>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            foreach (var produced in node.Outputs)
            {
                producers[produced] = node;
            }
        }

        var b1 = graph.Nodes.LastOrDefault(n => n.OpType == "Add" && n.Inputs.Any(i => i.EndsWith(IntermediateBias, StringComparison.Ordinal)))?
            .Inputs.First(i => i.EndsWith(IntermediateBias, StringComparison.Ordinal)) ?? throw Unrecognised("no intermediate.dense bias");
        var layer = b1[..^IntermediateBias.Length];
        string Bias(string part) => layer + part + ".bias";
        string LayerNorm(string part) => layer + part + ".LayerNorm.weight";

        var (input, wq) = MatMulFeeding(graph, producers, Bias("attention.self.query"));
        var (_, wk) = MatMulFeeding(graph, producers, Bias("attention.self.key"));
        var (_, wv) = MatMulFeeding(graph, producers, Bias("attention.self.value"));
        var (_, wo) = MatMulFeeding(graph, producers, Bias("attention.output.dense"));
        var (_, w1) = MatMulFeeding(graph, producers, b1);
        var (_, w2) = MatMulFeeding(graph, producers, Bias("output.dense"));
        var headSize = HeadSize(graph, producers);
        var hidden = graph.Shape(wq)[0];
        if (headSize < 1 || hidden % headSize != 0)
        {
            throw Unrecognised($"attention scores scaled for heads of {headSize}");
        }

        var names = new TopLayerNames(input, (int)(hidden / headSize),
            [wq, Bias("attention.self.query"), wk, Bias("attention.self.key"), wv, Bias("attention.self.value"), wo, Bias("attention.output.dense"),
                LayerNorm("attention.output"), layer + "attention.output.LayerNorm.bias"],
            [w1, b1, w2, Bias("output.dense"), LayerNorm("output"), layer + "output.LayerNorm.bias"]);
        if (names.Weights.FirstOrDefault(w => !graph.HasFloatWeights(w)) is { } missing)
        {
            throw Unrecognised($"no float weights '{missing}'");
        }

        return names;
    }

    public TransformerLayer Read(OnnxModelGraph graph)
    {
        var hidden = (int)graph.Shape(FeedForward[0])[0];
        var inner = (int)graph.Shape(FeedForward[0])[1];
        var ffn = FeedForward.Select(graph.Weights).ToArray();
        return new TransformerLayer(new AttentionBlock(hidden, Heads, [.. Attention.Select(graph.Weights)]),
            new FeedForwardBlock(hidden, inner, ffn[0], ffn[1], ffn[2], ffn[3], ffn[4], ffn[5]));
    }

    public IReadOnlyDictionary<string, float[]> Values(TransformerLayer layer) =>
        Weights.Zip(layer.Parameters).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    // The MatMul whose product the named bias is added to: (its input, its weight matrix).
    private static (string Input, string Weight) MatMulFeeding(OnnxModelGraph graph, Dictionary<string, OnnxModelGraph.Node> producers, string bias)
    {
        var add = graph.Nodes.FirstOrDefault(n => n.OpType == "Add" && n.Inputs.Contains(bias)) ?? throw Unrecognised($"no {bias}");
        var product = add.Inputs.First(i => i != bias);
        return producers.TryGetValue(product, out var matMul) && matMul.OpType == "MatMul" && matMul.Inputs.Count == 2
            ? (matMul.Inputs[0], matMul.Inputs[1])
            : throw Unrecognised($"no MatMul before {bias}");
    }

    // Scores reach the last Softmax as (Q Kᵀ) / √d + mask; d is the head size.
    private static long HeadSize(OnnxModelGraph graph, Dictionary<string, OnnxModelGraph.Node> producers)
    {
        var softmax = graph.Nodes.LastOrDefault(n => n.OpType == "Softmax") ?? throw Unrecognised("no attention softmax");
        var masked = producers.GetValueOrDefault(softmax.Inputs[0]);
        var divide = masked?.Inputs.Select(producers.GetValueOrDefault).FirstOrDefault(n => n?.OpType == "Div");
        var root = divide is null ? null : producers.GetValueOrDefault(divide.Inputs[1])?.Scalar;
        return root is { } r ? (long)Math.Round(r * r) : throw Unrecognised("no scaling of the attention scores by a constant");
    }

    private static InvalidDataException Unrecognised(string what) =>
        new($"The encoder's ONNX graph is not a BERT-style export the tuned rung can train ({what}).");
}
