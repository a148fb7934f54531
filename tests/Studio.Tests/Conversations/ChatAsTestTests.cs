using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Documents;

namespace Studio.Tests.Conversations;

/// <summary>A chat written down as a conversation test, and one test run on its own.</summary>
public class ChatAsTestTests
{
    private static TurnResult Result(Dictionary<string, string> before, Dictionary<string, string> after, bool handoff = false) =>
        new(["ok"], [], before, after, false, handoff, handoff ? "summary" : null, null);

    [Fact]
    public void EachTurn_ExpectsItsIntent_TheSlotsItFilled_AndAHandoff()
    {
        var test = ChatAsTest.From("saved chat",
        [
            ("I lost my card", new TurnUnderstanding("lost_card", 0.9f, false, [], "neutral", 0), Result([], [])),
            ("4821", new TurnUnderstanding(null, 0.2f, true, [], "neutral", 0), Result(new() { ["x"] = "1" }, new() { ["x"] = "1", ["last4"] = "4821" })),
            ("a human please", new TurnUnderstanding("agent", 0.9f, false, [], "negative", -0.8f), Result([], [], handoff: true) with { Responses = ["speak_to_human", "goodbye"] }),
        ]);

        Assert.Equal("saved chat", test.Name);
        Assert.Equal(["lost_card", ChatAsTest.OutOfScope, "agent"], test.Turns.Select(t => t.Expect!.Intent));
        Assert.Null(test.Turns[0].Expect!.Slots);
        Assert.Equal(new Dictionary<string, string> { ["last4"] = "4821" }, test.Turns[1].Expect!.Slots);
        Assert.Equal([null, null, true], test.Turns.Select(t => t.Expect!.Handoff));
        Assert.Equal([null, null, "speak_to_human"], test.Turns.Select(t => t.Expect!.Response)); // by name, so a reworded variation still passes
    }

    [Fact]
    public async Task OneTest_RunsOnItsOwn_AndTwoTestsOfOneName_AreRefused()
    {
        var bot = new BotDefinition
        {
            Id = "two-tests",
            Name = "Two tests",
            Intents = [new Intent { Name = "hello", Examples = ["hi"] }],
            Tests =
            [
                new ConversationTest { Name = "passes", Turns = [new TestTurn { User = "hi", Expect = new TurnExpectation { Intent = "hello" } }] },
                new ConversationTest { Name = "fails", Turns = [new TestTurn { User = "hi", Expect = new TurnExpectation { Intent = ChatAsTest.OutOfScope } }] },
            ],
        };
        var pipeline = new Said(new ConversationEngine(bot));

        var one = await ConversationTestRunner.RunAsync(bot, pipeline, only: "passes");
        var all = await ConversationTestRunner.RunAsync(bot, pipeline);

        Assert.Equal((1, 0), (one.Passed, one.Failed));
        Assert.Equal((1, 1), (all.Passed, all.Failed));
        bot.Tests[1].Name = "PASSES";
        Assert.Contains(BotDocuments.Validate(bot), p => p.Path == "/tests/1/name");
    }

    private sealed class Said(ConversationEngine engine) : IConversationPipeline
    {
        public async Task<ConversationTurn> TurnAsync(ConversationState state, string text, CancellationToken cancellationToken = default)
        {
            var understanding = new TurnUnderstanding("hello", 0.9f, false, [], "neutral", 0);
            return new ConversationTurn(understanding, await engine.HandleAsync(state, text, understanding, cancellationToken));
        }
    }
}
