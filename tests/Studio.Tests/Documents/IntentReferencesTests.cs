using Studio.Core.Bots;
using Studio.Tests.Support;

namespace Studio.Tests.Documents;

public class IntentReferencesTests
{
    [Fact]
    public void Rename_UpdatesFlowTriggers_IntentBranches_AndTestExpectations()
    {
        var bot = Bots.Small();
        bot.Flows.Add(new Flow
        {
            Name = "hello",
            Nodes =
            [
                new FlowNode { Id = "t", Type = FlowNodeType.Trigger, Intent = "greet", Next = "b" },
                new FlowNode { Id = "b", Type = FlowNodeType.Branch, Branches = [new FlowBranch { On = "intent", Value = "greet", Next = "t" }] },
            ],
        });
        bot.Tests.Add(new ConversationTest { Name = "hi", Turns = [new TestTurn { User = "hi", Expect = new TurnExpectation { Intent = "greet" } }] });

        IntentReferences.Rename(bot, "greet", "say_hello");

        Assert.Equal("say_hello", bot.Flows[0].Nodes[0].Intent);
        Assert.Equal("say_hello", bot.Flows[0].Nodes[1].Branches![0].Value);
        Assert.Equal("say_hello", bot.Tests[0].Turns[0].Expect!.Intent);
    }
}
