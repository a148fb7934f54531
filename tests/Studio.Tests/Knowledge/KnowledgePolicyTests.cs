using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Inference.Bots;
using Studio.Inference.Knowledge;
using Studio.Tests.Inference;
using Studio.Tests.Support;

namespace Studio.Tests.Knowledge;

/// <summary>
/// Intents and knowledge cooperate: an unsure intent (below its own threshold) or one without a flow yields to a
/// confident passage; a confident intent with a flow keeps the message; the trace says which won and why.
/// </summary>
public sealed class KnowledgePolicyTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static BotDefinition Bot(double? cardThreshold = null, bool? answersIntentsWithoutFlow = true) => new()
    {
        Id = "policy", Name = "Policy",
        Intents =
        [
            new Intent { Name = "card_arrival", Examples = ["where is my card"], Threshold = cardThreshold },
            new Intent { Name = "thanks", Examples = ["thank you"] },
        ],
        Responses =
        [
            new ResponseTemplate { Name = "arrival", Variations = ["Cards arrive in 5 days."] },
            new ResponseTemplate { Name = "thanks", Variations = ["You're welcome."] },
            new ResponseTemplate { Name = "fallback", Variations = ["Sorry?"] },
        ],
        Flows = [new Flow { Name = "arrival", Nodes = [new FlowNode { Id = "start", Type = FlowNodeType.Trigger, Intent = "card_arrival", Next = "say" }, new FlowNode { Id = "say", Type = FlowNodeType.Say, Response = "arrival" }] }],
        Fallback = new FallbackPolicy { Response = "fallback", ConfidenceThreshold = 0.5 },
        Knowledge = new KnowledgeSettings { AnswersIntentsWithoutFlow = answersIntentsWithoutFlow, Sources = [new KnowledgeSource { Name = "hours.md", Content = "Open 9 to 5." }] },
    };

    // Documents that always have a confident passage, or never.
    private static KnowledgeAnswerer Documents(bool confident) => (_, _, _, _, _) =>
        ValueTask.FromResult(confident ? new KnowledgeAnswer("Branches open 9 to 1 on Saturdays.", "hours.md", 0.71f) : null);

    private static TurnUnderstanding Said(string intent, float confidence) => new(intent, confidence, false, [], "neutral", 0);

    private static TurnResult Answer(BotDefinition bot, TurnUnderstanding understanding, bool confident = true) =>
        new ConversationEngine(bot, knowledge: Documents(confident)).Handle(new ConversationState(), "when are you open on saturday", understanding);

    [Fact]
    public void AnIntentBelowItsOwnThreshold_YieldsToAConfidentPassage_AndTheTraceSaysWhy()
    {
        var result = Answer(Bot(cardThreshold: 0.6), Said("card_arrival", 0.515f));

        Assert.Equal("hours.md", result.KnowledgeSource);
        Assert.StartsWith("Branches open", result.Replies[0]);
        Assert.Equal("Knowledge won: card_arrival at 51.5 % is below its threshold 60 %; the documents answer from hours.md (best match 0.71).", result.Decision);
    }

    [Fact]
    public void TheSameConfidence_WithoutAnIntentThreshold_KeepsTheFlow_AndSaysSo()
    {
        var result = Answer(Bot(), Said("card_arrival", 0.515f));

        Assert.Null(result.KnowledgeSource);
        Assert.Equal(["Cards arrive in 5 days."], result.Replies);
        Assert.Equal("Intent won: card_arrival at 51.5 % reaches its threshold 50 % and starts flow arrival.", result.Decision);
    }

    [Fact]
    public void AnIntentWithoutAFlow_YieldsToAConfidentPassage_UnlessTheBotSaysOtherwise()
    {
        Assert.Equal("hours.md", Answer(Bot(), Said("thanks", 0.9f)).KnowledgeSource);
        Assert.Contains("thanks has no flow", Answer(Bot(), Said("thanks", 0.9f)).Decision);

        var kept = Answer(Bot(answersIntentsWithoutFlow: false), Said("thanks", 0.9f));
        Assert.Equal(["You're welcome."], kept.Replies);
        Assert.Equal("Intent won: thanks has no flow and says its response.", kept.Decision); // the documents were not asked

        // A bot written before the setting existed answers as it did when it was published.
        Assert.Equal(["You're welcome."], Answer(Bot(answersIntentsWithoutFlow: null), Said("thanks", 0.9f)).Replies);

        var nothingConfident = Answer(Bot(), Said("thanks", 0.9f), confident: false);
        Assert.Equal(["You're welcome."], nothingConfident.Replies);
        Assert.Equal("Intent won: thanks has no flow and says its response; no passage is confident enough.", nothingConfident.Decision);
    }

    [Fact]
    public void UnsureAndNoConfidentPassage_FallsBack_SayingWhy()
    {
        var result = Answer(Bot(), Said("card_arrival", 0.3f), confident: false);

        Assert.True(result.Fallback);
        Assert.Equal("Fallback: card_arrival at 30.0 % is below its threshold 50 %, and no passage is confident enough.", result.Decision);
    }

    [Fact]
    public void AnIntentThreshold_OutsideZeroToOne_IsRefusedByTheSchema()
    {
        var yaml = "id: t\nname: T\nintents:\n  - name: a\n    threshold: 1.5\n    examples: [hello]\n";

        var read = Studio.Core.Documents.BotDocuments.Read(yaml, Studio.Core.Documents.BotDocumentFormat.Yaml);

        Assert.False(read.IsValid);
        Assert.Contains(read.Problems, p => p.Path.Contains("threshold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheBankingTemplate_AnswersItsDocumentsQuestionsFromKnowledge_FarMoreOftenThanBeforeThePolicy_AndStillPassesItsTests()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Banking();
        var trainer = new BotTrainer(fixture.Encoder, new Studio.Data.Embeddings.DatabaseEmbeddingStore(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Studio.Data.StudioDbContext>>(db.Services)));
        var questions = Studio.Core.Evaluation.LabelledCsv.Read(Path.Combine(RepoPaths.Root, "tests", "data", "knowledge", "questions.csv")).ToList();
        var before = KnowledgePolicyReport.WithoutPolicy(bot);

        var after = await KnowledgePolicyReport.RunAsync(SynchronousForTests.Pipeline(trainer.Train(bot, 1), bot), questions);
        var was = await KnowledgePolicyReport.RunAsync(SynchronousForTests.Pipeline(trainer.Train(before, 1), before), questions);

        // Measured: 51 answered from knowledge and 48 shadowed before; 89 and 10 after (studio bench knowledge-policy).
        Assert.True(after.FromKnowledge >= was.FromKnowledge + 25, $"from knowledge: {was.FromKnowledge} before, {after.FromKnowledge} after");
        Assert.True(after.ShadowedByIntent * 2 < was.ShadowedByIntent, $"shadowed: {was.ShadowedByIntent} before, {after.ShadowedByIntent} after");
        Assert.True(after.FromRightDocument >= after.FromKnowledge * 3 / 4, $"{after.FromRightDocument} of {after.FromKnowledge} from the right document");

        // The two questions that went to an intent's reply in the first place.
        var pipeline = SynchronousForTests.Pipeline(trainer.Train(bot, 1), bot);
        var saturday = await pipeline.TurnAsync(new ConversationState(), "When are your branches open on Saturday");
        var atm = await pipeline.TurnAsync(new ConversationState(), "What is the daily ATM withdrawal limit?");
        Assert.True(saturday.Result.KnowledgeSource == "branch-opening-hours.md", saturday.Result.Decision);
        Assert.Equal("atm-withdrawal-limits.md", atm.Result.KnowledgeSource);
        Assert.StartsWith("Knowledge won", atm.Result.Decision);

        var report = await ConversationTestRunner.RunAsync(bot, pipeline);
        Assert.True(report.Failed == 0, string.Join("\n", report.Failures));
    }
}
