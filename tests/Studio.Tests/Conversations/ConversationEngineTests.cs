using Studio.Tests.Support;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Entities;

namespace Studio.Tests.Conversations;

/// <summary>The engine on a hand-built bot, with understandings written out per turn (no model needed).</summary>
public class ConversationEngineTests
{
    private static TurnUnderstanding Said(string? intent, float confidence = 0.95f, float sentiment = 0f, params ExtractedEntity[] entities) =>
        new(intent, confidence, intent is null, entities, sentiment < -0.5 ? "negative" : "neutral", sentiment);

    private static ExtractedEntity Digits(string value) => new("last4", value, 0, 4, value, "regex");

    private static BotDefinition Bot(params FlowNode[] nodes) => new()
    {
        Id = "engine-bot",
        Name = "Engine bot",
        Intents = [new Intent { Name = "lost_card", Examples = ["lost"] }, new Intent { Name = "hello", Examples = ["hi"] }, new Intent { Name = "agent", Examples = ["human"] }],
        Entities = [new EntityDefinition { Name = "last4", Kind = EntityKind.Regex, Pattern = @"\d{4}" }],
        Responses =
        [
            new ResponseTemplate { Name = "hello", Variations = ["Hi there!"] },
            new ResponseTemplate { Name = "ask_digits", Variations = ["Which card? The last four digits, please."] },
            new ResponseTemplate { Name = "blocked", Variations = ["Card {last4} is blocked."] },
            new ResponseTemplate { Name = "calm", Variations = ["Let's sort this out."] },
            new ResponseTemplate { Name = "fallback", Variations = ["Sorry, could you rephrase?"] },
        ],
        Fallback = new FallbackPolicy { Response = "fallback", ConfidenceThreshold = 0.5 },
        Flows = [new Flow { Name = "lost", Nodes = [.. nodes] }],
    };

    private static readonly FlowNode[] LostCard =
    [
        new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "lost_card", Next = "ask" },
        new() { Id = "ask", Type = FlowNodeType.Ask, Slot = "last4", Entity = "last4", Response = "ask_digits", MaxAttempts = 2, Next = "say" },
        new() { Id = "say", Type = FlowNodeType.Say, Response = "blocked", Next = "end" },
        new() { Id = "end", Type = FlowNodeType.End },
    ];

    [Theory]
    [InlineData("Card {last4|ending as you said} is blocked.", "4821", "Card 4821 is blocked.")]
    [InlineData("Card {last4|ending as you said} is blocked.", null, "Card ending as you said is blocked.")]
    [InlineData("Card {last4} is blocked.", null, "Card is blocked.")]
    [InlineData("Card {last4|} is blocked.", null, "Card is blocked.")]
    public void APlaceholder_SaysItsSlot_OrItsFallbackWhenTheSlotIsEmpty(string template, string? digits, string said)
    {
        var bot = Bot(
            new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "lost_card", Next = "say" },
            new() { Id = "say", Type = FlowNodeType.Say, Response = "blocked", Next = "end" },
            new() { Id = "end", Type = FlowNodeType.End });
        bot.Responses.Single(r => r.Name == "blocked").Variations = [template];

        var reply = new ConversationEngine(bot).Handle(new ConversationState(), "I lost my card",
            digits is null ? Said("lost_card") : Said("lost_card", 0.95f, 0f, Digits(digits)));

        Assert.Equal([said], reply.Replies);
    }

    [Fact]
    public void ThePlaceholderLint_FlagsASlotNoAskFills_UnlessThePlaceholderHasAFallback()
    {
        var unfilled = Bot(
            new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "lost_card", Next = "say" },
            new() { Id = "say", Type = FlowNodeType.Say, Response = "blocked", Next = "end" },
            new() { Id = "end", Type = FlowNodeType.End });
        var withFallback = Bot([.. unfilled.Flows[0].Nodes]);
        withFallback.Responses.Single(r => r.Name == "blocked").Variations = ["Card {last4|you named} is blocked."];

        Assert.Contains(FlowValidator.Warnings(unfilled), p => p.Message.Contains("says {last4}, but no ask or action node"));
        Assert.DoesNotContain(FlowValidator.Warnings(withFallback), p => p.Message.Contains("{last4}"));
    }

    [Fact]
    public void Ask_WaitsForItsSlot_ThenTheFlowGoesOn()
    {
        var engine = new ConversationEngine(Bot(LostCard));
        var state = new ConversationState();

        var first = engine.Handle(state, "I lost my card", Said("lost_card"));
        var waiting = state.WaitingAt;
        var second = engine.Handle(state, "4821", Said(null, 0, 0, Digits("4821")));

        Assert.Equal(["Which card? The last four digits, please."], first.Replies);
        Assert.Equal(["lost/t", "lost/ask"], first.NodesPassed);
        Assert.Equal("ask", waiting);
        Assert.Equal(["Card 4821 is blocked."], second.Replies);
        Assert.Equal("4821", second.SlotsAfter["last4"]);
        Assert.Empty(second.SlotsBefore);
        Assert.Null(state.Flow);
    }

    [Fact]
    public void SlotGivenUpFront_SkipsTheQuestion()
    {
        var result = new ConversationEngine(Bot(LostCard)).Handle(new ConversationState(), "lost card 1234", Said("lost_card", 0.9f, 0, Digits("1234")));

        Assert.Equal(["Card 1234 is blocked."], result.Replies);
    }

    [Fact]
    public void SlotThatNeverFills_EndsInTheFallback_NotALoop()
    {
        var engine = new ConversationEngine(Bot(LostCard));
        var state = new ConversationState();
        engine.Handle(state, "lost card", Said("lost_card"));

        var retry = engine.Handle(state, "dunno", Said(null));
        var giveUp = engine.Handle(state, "still dunno", Said(null));

        Assert.Equal(["Which card? The last four digits, please."], retry.Replies);
        Assert.True(giveUp.Fallback);
        Assert.Equal(["Sorry, could you rephrase?"], giveUp.Replies);
        Assert.Contains("not filled after 2 attempts", giveUp.Note);
        Assert.Null(state.WaitingAt);
    }

    [Fact]
    public void UnsureOrOutOfScopeInput_GetsTheFallback()
    {
        var engine = new ConversationEngine(Bot(LostCard));

        Assert.True(engine.Handle(new ConversationState(), "hmm", Said("hello", 0.3f)).Fallback);
        Assert.True(engine.Handle(new ConversationState(), "weather?", Said(null)).Fallback);
    }

    [Fact]
    public void IntentWithoutAFlow_SaysTheResponseOfTheSameName()
    {
        Assert.Equal(["Hi there!"], new ConversationEngine(Bot(LostCard)).Handle(new ConversationState(), "hi", Said("hello")).Replies);
    }

    [Fact]
    public void Branch_TakesTheFirstConditionThatHolds()
    {
        FlowNode[] nodes =
        [
            new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "lost_card", Next = "b" },
            new()
            {
                Id = "b", Type = FlowNodeType.Branch, Branches =
                [
                    new FlowBranch { On = "sentiment", Operator = "lessThan", Value = "-0.5", Next = "calm" },
                    new FlowBranch { On = "confidence", Operator = "greaterThan", Value = "0.9", Next = "hi" },
                    new FlowBranch { On = "intent", Operator = "otherwise", Next = "end" },
                ],
            },
            new() { Id = "calm", Type = FlowNodeType.Say, Response = "calm" },
            new() { Id = "hi", Type = FlowNodeType.Say, Response = "hello" },
            new() { Id = "end", Type = FlowNodeType.End },
        ];
        var engine = new ConversationEngine(Bot(nodes));

        Assert.Equal(["Let's sort this out."], engine.Handle(new ConversationState(), "x", Said("lost_card", 0.95f, -0.8f)).Replies);
        Assert.Equal(["Hi there!"], engine.Handle(new ConversationState(), "x", Said("lost_card", 0.95f)).Replies);
        Assert.Empty(engine.Handle(new ConversationState(), "x", Said("lost_card", 0.6f)).Replies);
    }

    [Fact]
    public void HandoffNode_HandsOver_WithASummaryOfWhatTheUserSaid()
    {
        FlowNode[] nodes = [new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "agent", Next = "h" }, new() { Id = "h", Type = FlowNodeType.Handoff }];
        var state = new ConversationState();
        var engine = new ConversationEngine(Bot(nodes));
        engine.Handle(state, "hi", Said("hello"));

        var result = engine.Handle(state, "get me a human", Said("agent"));

        Assert.True(result.Handoff);
        Assert.True(state.HandedOff);
        Assert.Equal("The customer said: hi / get me a human", result.HandoffSummary);
    }

    [Fact]
    public void SentimentPolicy_HandsOffAfterTwoNegativeTurnsInARow()
    {
        var bot = Bot(LostCard);
        bot.Sentiment = new SentimentPolicy { NegativeThreshold = -0.5, OnNegative = NegativeSentimentAction.Handoff, NegativeTurnsBeforeHandoff = 2 };
        var engine = new ConversationEngine(bot);
        var state = new ConversationState();

        var first = engine.Handle(state, "this is awful", Said("hello", 0.9f, -0.9f));
        var calmer = engine.Handle(state, "ok", Said("hello", 0.9f, 0.1f));
        var again = engine.Handle(state, "awful", Said("hello", 0.9f, -0.9f));
        var second = engine.Handle(state, "terrible", Said("hello", 0.9f, -0.7f));

        Assert.False(first.Handoff);
        Assert.False(calmer.Handoff);
        Assert.False(again.Handoff);
        Assert.True(second.Handoff);
        Assert.Contains("sentiment policy", second.Note);
    }

    [Fact]
    public void GenerateNode_UsesTheGenerator_WithSlotsFilledIntoThePrompt()
    {
        FlowNode[] nodes =
        [
            new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "lost_card", Next = "ask" },
            new() { Id = "ask", Type = FlowNodeType.Ask, Slot = "last4", Entity = "last4", Response = "ask_digits", Next = "g" },
            new() { Id = "g", Type = FlowNodeType.Generate, Prompt = "Write a reply about card {last4}.", Response = "blocked" },
        ];
        string? prompt = null;
        var engine = new ConversationEngine(Bot(nodes), (p, _, _) => { prompt = p; return ValueTask.FromResult<string?>("Generated."); });

        var result = engine.Handle(new ConversationState(), "lost 9999", Said("lost_card", 0.9f, 0, Digits("9999")));

        Assert.Equal("Write a reply about card 9999.", prompt);
        Assert.Equal(["Generated."], result.Replies);
    }

    [Fact]
    public void LoopWithoutAQuestion_IsCaughtByValidation_AndStoppedAtRunTime()
    {
        FlowNode[] loop =
        [
            new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "lost_card", Next = "a" },
            new() { Id = "a", Type = FlowNodeType.Say, Response = "hello", Next = "b" },
            new() { Id = "b", Type = FlowNodeType.Say, Response = "calm", Next = "a" },
        ];
        var bot = Bot(loop);

        var problem = Assert.Single(FlowValidator.Errors(bot));
        var result = new ConversationEngine(bot).Handle(new ConversationState(), "lost", Said("lost_card"));

        Assert.Contains("loops through a → b → a without asking", problem.Message);
        Assert.Contains($"Stopped after {ConversationEngine.StepLimit} steps", result.Note);
        Assert.True(result.Fallback);
    }

    [Fact]
    public void Validation_NamesDanglingEdgesUnknownIntentsAndUnreachableNodes()
    {
        FlowNode[] nodes =
        [
            new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "no_such_intent", Next = "nowhere" },
            new() { Id = "island", Type = FlowNodeType.Say, Response = "blocked" },
        ];
        var bot = Bot(nodes);

        var errors = FlowValidator.Errors(bot);
        var warnings = FlowValidator.Warnings(bot);

        Assert.Contains(errors, p => p.Message.Contains("leads to 'nowhere'") && p.Path == "/flows/0/nodes/0/next");
        Assert.Contains(errors, p => p.Message.Contains("'no_such_intent'"));
        Assert.Contains(warnings, p => p.Message.Contains("'island' cannot be reached"));
        Assert.Contains(warnings, p => p.Message.Contains("{last4}, but no ask or action node"));
    }

    [Fact]
    public void Validation_WarnsOfBranchesAfterOtherwise_WhichAreNeverTaken()
    {
        FlowNode[] nodes =
        [
            new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "lost_card", Next = "b" },
            new()
            {
                Id = "b", Type = FlowNodeType.Branch, Branches =
                [
                    new FlowBranch { On = "sentiment", Operator = "equals", Value = "negative", Next = "calm" },
                    new FlowBranch { On = "intent", Operator = "otherwise", Next = "hello" },
                    new FlowBranch { On = "intent", Operator = "otherwise", Next = "calm" },
                ],
            },
            new() { Id = "calm", Type = FlowNodeType.Say, Response = "calm" },
            new() { Id = "hello", Type = FlowNodeType.Say, Response = "hello" },
        ];

        var warning = Assert.Single(FlowValidator.Warnings(Bot(nodes)), p => p.Message.Contains("otherwise"));

        Assert.Equal("Branch 3 of 'b' (to 'calm') comes after \"otherwise\" and is never taken.", warning.Message);
        Assert.Equal("/flows/0/nodes/1/branches/2", warning.Path);
    }
}
