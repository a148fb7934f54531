using Microsoft.Extensions.DependencyInjection;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Embeddings;
using Studio.Inference.Bots;
using Studio.Inference.Knowledge;
using Studio.Tests.Inference;
using Studio.Tests.Support;

namespace Studio.Tests.Knowledge;

/// <summary>A bot answering from its documents in conversation, published with them, and retrained after one changes.</summary>
public sealed class KnowledgeConversationTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static BotDefinition BotWithDocuments(float? threshold = null)
    {
        var bot = Bots.Small("docs-bot");
        bot.Intents.Add(new Intent { Name = "card_question", Examples = ["question about my card delivery", "card delivery question", "how long will my card take", "when does a new card arrive"] });
        bot.Responses.Add(new ResponseTemplate { Name = "not_in_docs", Variations = ["I could not find that in our help pages."] });
        bot.Flows.Add(new Flow
        {
            Name = "card_help",
            Nodes =
            [
                new FlowNode { Id = "start", Type = FlowNodeType.Trigger, Intent = "card_question", Next = "look_up" },
                new FlowNode { Id = "look_up", Type = FlowNodeType.Knowledge, Mode = "extractive", Response = "not_in_docs" },
            ],
        });
        bot.Knowledge = new KnowledgeSettings
        {
            Threshold = threshold,
            Sources =
            [
                .. new[] { "card-replacement.md", "branch-opening-hours.md", "overdraft-fees.md" }
                    .Select(n => new KnowledgeSource { Name = n, Content = File.ReadAllText(Path.Combine(RepoPaths.KnowledgeBase, "docs", n)) }),
            ],
        };
        return bot;
    }

    [Fact]
    public async Task AQuestionNoIntentClaims_IsAnsweredFromTheDocuments_WithItsSource()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = BotWithDocuments();
        bot.Flows.Clear();
        bot.Intents.RemoveAll(i => i.Name == "card_question");
        var trained = Train(db, bot);
        var engine = new ConversationEngine(bot, null, KnowledgeResponder.For(trained, bot));

        var answered = engine.Handle(new ConversationState(), "what time does the branch open on saturday", trained.Understand("what time does the branch open on saturday", Today));
        var foreign = engine.Handle(new ConversationState(), "write me a poem about the sea", trained.Understand("write me a poem about the sea", Today));

        Assert.Contains("*Source: branch-opening-hours.md", Assert.Single(answered.Replies));
        Assert.Contains("knowledge", answered.NodesPassed);
        Assert.False(answered.Fallback);
        Assert.True(foreign.Fallback); // nothing similar enough: the ordinary fallback, not a guess
        Assert.True(trained.Summary.KnowledgePassages >= 6);
    }

    [Fact]
    public async Task Citations_LinkToTheDocumentsOwnAddress_OrNowhere_NeverIntoTheStudio()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = BotWithDocuments();
        bot.Flows.Clear();
        bot.Intents.RemoveAll(i => i.Name == "card_question");
        bot.Knowledge!.Sources.Single(s => s.Name == "branch-opening-hours.md").Url = "https://bank.example/help/branches";
        var trained = Train(db, bot);
        var engine = new ConversationEngine(bot, null, KnowledgeResponder.For(trained, bot));

        var linked = Assert.Single(engine.Handle(new ConversationState(), "what time does the branch open on saturday", trained.Understand("what time does the branch open on saturday", Today)).Replies);
        var unlinked = Assert.Single(engine.Handle(new ConversationState(), "is there a fee for going overdrawn", trained.Understand("is there a fee for going overdrawn", Today)).Replies);

        Assert.Contains("*Source: [branch-opening-hours.md", linked);
        Assert.Contains("](<https://bank.example/help/branches>)", linked);
        Assert.Contains("*Source: overdraft-fees.md", unlinked);
        Assert.DoesNotContain("](", unlinked[unlinked.IndexOf("*Source:", StringComparison.Ordinal)..]);
        Assert.All(new[] { linked, unlinked }, reply => Assert.DoesNotContain("/bots/", reply));
    }

    [Fact]
    public async Task AKnowledgeNode_QuotesTheBestPassage_OrSaysItsResponse_WhenTheDocumentsDoNotHoldIt()
    {
        await using var db = await StoreFixture.CreateAsync();
        var strict = BotWithDocuments(threshold: 0.99f);
        var usual = BotWithDocuments();
        var trained = Train(db, usual);
        var trainedStrict = Train(db, strict);
        const string message = "how long will my card take with express delivery";

        var reply = new ConversationEngine(usual, null, KnowledgeResponder.For(trained, usual)).Handle(new ConversationState(), message, trained.Understand(message, Today));
        var unsure = new ConversationEngine(strict, null, KnowledgeResponder.For(trainedStrict, strict)).Handle(new ConversationState(), message, trainedStrict.Understand(message, Today));

        Assert.Contains("card_help/look_up", reply.NodesPassed);
        Assert.Contains("card-replacement.md", Assert.Single(reply.Replies));
        Assert.Equal(["I could not find that in our help pages."], unsure.Replies);
    }

    [Fact]
    public async Task AGenerativeNode_AnswersWithTheModelCitingPassages_AndQuotesInsteadWhenTheModelIsUnavailable()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = BotWithDocuments();
        bot.Flows[0].Nodes[1].Mode = KnowledgeResponder.Generative;
        bot.Models = new ModelAssignment { Generation = "stories" };
        var trained = Train(db, bot);
        using var registry = Llm.LocalModelTests.Registry(4096, ("stories", RepoPaths.StoriesModel, 8));
        using var broken = Llm.LocalModelTests.Registry(("stories", "/nonexistent/stories.gguf", 8));
        const string message = "how long will my card take with express delivery";

        var generated = new ConversationEngine(bot, null, KnowledgeResponder.For(trained, bot, registry)).Handle(new ConversationState(), message, trained.Understand(message, Today));
        var quoted = new ConversationEngine(bot, null, KnowledgeResponder.For(trained, bot, broken)).Handle(new ConversationState(), message, trained.Understand(message, Today));

        Assert.Contains("*Sources:*\n[1] card-replacement.md", Assert.Single(generated.Replies));
        Assert.StartsWith(trained.Knowledge!.Search(message, trained.Embed(message), 1)[0].Chunk.Markdown, Assert.Single(quoted.Replies));
        Assert.Contains("*Source: card-replacement.md", quoted.Replies[0]);
    }

    [Fact]
    public async Task AQuestionThatNamesNoBranch_IsAnsweredFromTheBranchNamedEarlierInTheConversation()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = Bots.Small("branches-bot");
        bot.Knowledge = new KnowledgeSettings
        {
            Sources =
            [
                .. new[] { "branch-kingsley.md", "branch-kingston.md", "branch-kingsbury.md", "branch-ashford.md" }
                    .Select(n => new KnowledgeSource { Name = n, Content = File.ReadAllText(Path.Combine(RepoPaths.VenueKnowledgeBase, "docs", n)) }),
                new KnowledgeSource { Name = "pin-reset.md", Content = File.ReadAllText(Path.Combine(RepoPaths.KnowledgeBase, "docs", "pin-reset.md")) },
            ],
        };
        var trained = Train(db, bot);
        var engine = new ConversationEngine(bot, null, KnowledgeResponder.For(trained, bot));
        var state = new ConversationState();

        await engine.HandleAsync(state, "hi i'm heading over to kingsbury later", trained.Understand("hi i'm heading over to kingsbury later", Today));
        var parking = await engine.HandleAsync(state, "is there anywhere to park", trained.Understand("is there anywhere to park", Today));
        var elsewhere = await engine.HandleAsync(new ConversationState(), "is there anywhere to park in kingston", trained.Understand("is there anywhere to park in kingston", Today));

        var reply = Assert.Single(parking.Replies);
        Assert.True(reply.Contains("*Source: branch-kingsbury.md", StringComparison.Ordinal), $"{reply} (names: {string.Join(", ", trained.Knowledge!.Names.Names.Values)})");
        Assert.Contains("Parking", reply);
        Assert.Contains("*Source: branch-kingston.md", Assert.Single(elsewhere.Replies));

        // The branch named before does not hide the page that answers another kind of question.
        var pin = await engine.HandleAsync(state, "how do I reset my PIN", trained.Understand("how do I reset my PIN", Today));
        Assert.Contains("*Source: pin-reset.md", Assert.Single(pin.Replies));
    }

    [Fact]
    public async Task APublishedVersion_CarriesTheDocuments_AndAnswersTheSame()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = BotWithDocuments();
        var trained = Train(db, bot);

        var loaded = TrainedBotFile.Read(TrainedBotFile.Write(trained, fixture.Encoder.ModelHash), bot, 1, fixture.Encoder);
        const string question = "is there a fee for going overdrawn";

        Assert.Equal(trained.Knowledge!.Chunks.Count, loaded.Knowledge!.Chunks.Count);
        Assert.Equal(Answer(KnowledgeResponder.For(trained, bot)!, question, null), Answer(KnowledgeResponder.For(loaded, bot)!, question, null));
    }

    [Fact]
    public async Task TheTurnsOwnVector_IsSearchedWith_SoTheQuestionIsEncodedOnce()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = BotWithDocuments();
        var trained = Train(db, bot);
        const string question = "is there a fee for going overdrawn";

        var understanding = trained.Understand(question, new DateOnly(2026, 11, 27));
        var answer = KnowledgeResponder.For(trained, bot)!;

        Assert.Equal(trained.Embed(question), understanding.MessageVector);
        Assert.Equal(Answer(answer, question, null), Answer(answer, question, understanding.MessageVector));
        // The vector given is the one searched with: another message's vector finds another passage.
        Assert.NotEqual(Answer(answer, question, null), Answer(answer, question, trained.Embed("when does the branch open on saturday")));
    }

    [Fact]
    public async Task ChangingOneSection_ReembedsOnlyThatPassage()
    {
        await using var db = await StoreFixture.CreateAsync();
        var bot = BotWithDocuments();
        Train(db, bot);
        var source = bot.Knowledge!.Sources.Single(s => s.Name == "branch-opening-hours.md");
        var firstSection = source.Content.IndexOf("\n## ", StringComparison.Ordinal);
        source.Content = source.Content.Insert(source.Content.IndexOf('\n', firstSection + 1) + 1, "\nWe also open on the last Sunday of each month.\n");

        var retrained = Train(db, bot);

        Assert.Equal(1, retrained.Summary.Embedded);
    }

    private TrainedBot Train(StoreFixture db, BotDefinition bot) => new BotTrainer(fixture.Encoder, db.Services.GetRequiredService<IEmbeddingStore>()).Train(bot, 1);

    private static string? Answer(KnowledgeAnswerer answerer, string question, float[]? vector) =>
        answerer(question, vector, null, [], CancellationToken.None).AsTask().GetAwaiter().GetResult()?.Text;
}
