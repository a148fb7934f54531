using Studio.Core.Setups;
using Studio.Inference.Classification;

namespace Studio.Tests.Inference;

public class CascadeTests
{
    /// <summary>A rung that answers from a table: used to test the cascade's routing, not a model.</summary>
    private sealed class TableRung(string rung, Dictionary<string, (string Intent, float Confidence)> answers) : ILocalIntentClassifier
    {
        public string Rung => rung;

        public IReadOnlyList<string> Intents => ["a", "b"];

        public int Calls { get; private set; }

        public IntentPrediction Classify(string text)
        {
            Calls++;
            var (intent, confidence) = answers[text];
            return new IntentPrediction([new IntentScore(intent, confidence), new IntentScore(intent == "a" ? "b" : "a", 1 - confidence)], false, 1f);
        }

        public IReadOnlyList<IntentPrediction> ClassifyBatch(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
            texts.Select(Classify).ToList();
    }

    [Fact]
    public async Task UnsureSmallAnswers_EscalateToTheLargeRung()
    {
        var small = new TableRung("ngram", new() { ["sure"] = ("a", 0.95f), ["unsure"] = ("a", 0.55f) });
        var large = new TableRung("encoder", new() { ["sure"] = ("a", 0.9f), ["unsure"] = ("b", 0.9f) });
        var cascade = new CascadeIntentClassifier(small, large, 0.7f);

        var answers = await cascade.ClassifyBatchAsync(["sure", "unsure"]);

        Assert.Equal(("a", "ngram"), (answers[0].Intent, answers[0].AnsweredBy));
        Assert.Equal(("b", "encoder"), (answers[1].Intent, answers[1].AnsweredBy));
        Assert.Equal(1, large.Calls); // only the unsure message reached the large rung
        Assert.Equal("cascade:ngram>encoder@0.7", cascade.Rung);
    }

    [Theory]
    [InlineData("cascade:ngram>encoder@0.7", "ngram", "encoder", 0.7f)]
    [InlineData("cascade:ngram>gpt", "ngram", "gpt", null)]
    [InlineData("cascade:encoder>gpt(shots=8)@0.6", "encoder", "gpt(shots=8)", 0.6f)]
    public void Setups_AreParsed(string setup, string small, string large, float? threshold)
    {
        var cascade = CascadePolicy.Parse(setup);
        Assert.Equal((small, large, threshold), (cascade.Small.Name, cascade.Large.Name, cascade.Threshold));
        Assert.Equal(setup, cascade.Name);
    }

    [Theory]
    [InlineData("cascade:gpt>encoder", "starts with a large model")]
    [InlineData("cascade:ngram>ngram", "to itself")]
    [InlineData("cascade:ngram>gpt(temperature=1)", "not an option")]
    public void CascadesThatCannotWork_AreRefusedWithTheReason(string setup, string reason)
    {
        Assert.Contains(reason, Assert.Throws<SetupException>(() => CascadePolicy.Parse(setup)).Message);
    }

    [Theory]
    [InlineData(false, 0.69f, true)]
    [InlineData(false, 0.7f, false)]
    [InlineData(true, 0.99f, true)]
    public void TheOneRule_EscalatesUnsureOrOutOfScopeAnswers(bool outOfScope, float confidence, bool escalates)
    {
        Assert.Equal(escalates, new CascadePolicy(Rung.Ngram, Rung.Encoder, 0.7f).Escalates(outOfScope, confidence));
    }

    [Theory]
    [InlineData("cascade:ngram")]
    [InlineData("cascade:ngram>encoder@1.5")]
    [InlineData("cascade:>encoder")]
    public void MalformedSetups_AreRefusedWithTheForm(string setup)
    {
        Assert.Contains("cascade:", Assert.Throws<SetupException>(() => CascadePolicy.Parse(setup)).Message);
    }

    [Fact]
    public void ChosenThreshold_IsTheLowestThatKeepsTheLargeRungsAccuracy()
    {
        IntentPrediction P(string intent, float confidence) => new([new IntentScore(intent, confidence)], false, 1f);
        string[] expected = ["a", "a", "b", "b"];
        IntentPrediction[] small = [P("a", 0.9f), P("a", 0.8f), P("a", 0.6f), P("b", 0.95f)];
        IntentPrediction[] large = [P("a", 0.9f), P("a", 0.9f), P("b", 0.9f), P("b", 0.9f)];

        // Below 0.8 the small rung's wrong 0.6 answer would be kept; from 0.8 on, the cascade matches the large rung.
        Assert.Equal(0.8f, CascadeIntentClassifier.ChooseThreshold(small, large, expected, tolerance: 0));
    }

    [Theory]
    [InlineData(null, null, null, "encoder")]
    [InlineData("ngram", null, null, "ngram")]
    [InlineData("encoder", "ngram", 0.6, "cascade:ngram>encoder@0.6")]
    [InlineData("encoder", "ngram", null, "cascade:ngram>encoder")]
    public void BotModels_NameTheAnsweringRung(string? intent, string? cascadeSmall, double? threshold, string expected)
    {
        var models = new Studio.Core.Bots.ModelAssignment
        {
            Intent = intent,
            Cascade = cascadeSmall is null ? null : new Studio.Core.Bots.CascadeSetting { Small = cascadeSmall, Large = "encoder", Threshold = threshold },
        };

        Assert.Equal(expected, BotSetup.Of(models).Intent.Name);
    }
}
