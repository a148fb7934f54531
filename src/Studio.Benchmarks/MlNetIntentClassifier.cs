using Microsoft.ML;
using Microsoft.ML.Data;
using Studio.Inference.Classification;

namespace Studio.Benchmarks;

/// <summary>
/// The baseline a C# developer would reach for: ML.NET's <c>FeaturizeText</c> into <c>SdcaMaximumEntropy</c>,
/// with default settings. Wrapped as a rung so <c>studio bench intents</c> measures it beside ours.
/// </summary>
public sealed class MlNetIntentClassifier : ILocalIntentClassifier
{
    public const string RungId = "mlnet";

    private readonly PredictionEngine<Input, Output> _engine;
    private readonly string[] _labelOrder;
    private readonly Lock _gate = new();

    private MlNetIntentClassifier(MLContext context, ITransformer model, IReadOnlyList<string> intents)
    {
        Intents = intents;
        _engine = context.Model.CreatePredictionEngine<Input, Output>(model);
        // The score columns follow the key-to-value order of the label column.
        VBuffer<ReadOnlyMemory<char>> names = default;
        _engine.OutputSchema["Score"].GetSlotNames(ref names);
        _labelOrder = names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    public string Rung => RungId;

    public IReadOnlyList<string> Intents { get; }

    public static MlNetIntentClassifier Train(IReadOnlyList<LabelledText> examples, int seed = 17)
    {
        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(examples.Select(e => new Input { Text = e.Text, Label = e.Label ?? "" }));
        var pipeline = context.Transforms.Conversion.MapValueToKey("Label")
            .Append(context.Transforms.Text.FeaturizeText("Features", "Text"))
            .Append(context.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(context.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        return new MlNetIntentClassifier(context, model, examples.Select(e => e.Label!).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    public IntentPrediction Classify(string text)
    {
        Output output;
        lock (_gate)
        {
            // PredictionEngine is not thread-safe.
            output = _engine.Predict(new Input { Text = text });
        }

        var ranking = _labelOrder.Select((label, i) => new IntentScore(label, output.Score[i])).OrderByDescending(s => s.Confidence).ToList();
        return new IntentPrediction(ranking, false, ranking[0].Confidence);
    }

    public IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var predictions = new IntentPrediction[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            predictions[i] = Classify(texts[i]);
        }

        progress?.Report(texts.Count);
        return predictions;
    }

    private sealed class Input
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class Output
    {
        public float[] Score { get; set; } = [];
    }
}
