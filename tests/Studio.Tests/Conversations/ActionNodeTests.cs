using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Documents;

namespace Studio.Tests.Conversations;

/// <summary>Action nodes in the engine, with a caller written out per test (the HTTP side is in <c>WebhookActionsTests</c>).</summary>
public class ActionNodeTests
{
    private static readonly TurnUnderstanding Balance = new("balance", 0.95f, false, [], "neutral", 0);

    private static BotDefinition Bot(string? onError = "sorry") => new()
    {
        Id = "action-bot",
        Name = "Action bot",
        Intents = [new Intent { Name = "balance", Examples = ["balance"] }],
        Responses =
        [
            new ResponseTemplate { Name = "say_balance", Variations = ["Your balance is {balance}."] },
            new ResponseTemplate { Name = "sorry", Variations = ["The bank is not answering; try again later."] },
            new ResponseTemplate { Name = "fallback", Variations = ["Sorry?"] },
        ],
        Fallback = new FallbackPolicy { Response = "fallback" },
        Actions = [new ActionDefinition { Name = "check_balance", Url = "https://bank.example/accounts/{account}", Map = new() { ["balance"] = "$.balance" } }],
        Flows =
        [
            new Flow
            {
                Name = "balance",
                Nodes =
                [
                    new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "balance", Next = "call" },
                    new() { Id = "call", Type = FlowNodeType.Action, Action = "check_balance", Next = "say", OnError = onError },
                    new() { Id = "say", Type = FlowNodeType.Say, Response = "say_balance", Next = "end" },
                    new() { Id = "sorry", Type = FlowNodeType.Say, Response = "sorry", Next = "end" },
                    new() { Id = "end", Type = FlowNodeType.End },
                ],
            },
        ],
    };

    private static ActionCaller Answering(bool succeeded, Dictionary<string, string>? slots = null, List<IReadOnlyDictionary<string, string>>? seen = null) =>
        (action, given, _) =>
        {
            seen?.Add(new Dictionary<string, string>(given));
            return ValueTask.FromResult(new ActionCall(action.Name, "GET", action.Url, succeeded ? 200 : 503, 1.5, succeeded, succeeded ? null : "The API answered 503.", false,
                slots ?? []));
        };

    [Fact]
    public async Task ASuccessfulCall_FillsItsSlots_AndGoesOnAtNext()
    {
        var seen = new List<IReadOnlyDictionary<string, string>>();
        var state = new ConversationState { Slots = { ["account"] = "12345678" } };

        var turn = await new ConversationEngine(Bot(), actions: Answering(true, new() { ["balance"] = "1,234.50" }, seen)).HandleAsync(state, "my balance", Balance);

        Assert.Equal(["Your balance is 1,234.50."], turn.Replies);
        Assert.Equal("12345678", seen.Single()["account"]);
        var call = Assert.Single(turn.Actions);
        Assert.Equal((200, true), (call.Status, call.Succeeded));
        Assert.Equal("1,234.50", turn.SlotsAfter["balance"]);
        Assert.Contains("balance/call", turn.NodesPassed);
    }

    [Fact]
    public async Task AFailedCall_GoesToOnError_AndTheConversationGoesOn()
    {
        var turn = await new ConversationEngine(Bot(), actions: Answering(false)).HandleAsync(new ConversationState(), "my balance", Balance);

        Assert.Equal(["The bank is not answering; try again later."], turn.Replies);
        Assert.False(turn.Fallback);
        Assert.Equal("The API answered 503.", Assert.Single(turn.Actions).Detail);
    }

    [Fact]
    public async Task AFailedCall_WithNoOnError_SaysTheFallback_WithANote()
    {
        var turn = await new ConversationEngine(Bot(onError: null), actions: Answering(false)).HandleAsync(new ConversationState(), "my balance", Balance);

        Assert.Equal(["Sorry?"], turn.Replies);
        Assert.True(turn.Fallback);
        Assert.Contains("check_balance", turn.Note);
    }

    [Fact]
    public async Task AReplayedTurn_WithoutACaller_CallsNothing_AndFailsClosed()
    {
        var turn = await new ConversationEngine(Bot()).HandleAsync(new ConversationState(), "my balance", Balance);

        Assert.Empty(turn.Actions);
        Assert.Equal(["The bank is not answering; try again later."], turn.Replies);
    }

    [Fact]
    public async Task ALoopThroughAnAction_CallsAtMostOnceForAChange_AndFiveTimesInAll()
    {
        var calls = 0;
        ActionCaller failing = (action, _, _) =>
        {
            calls++;
            return ValueTask.FromResult(new ActionCall(action.Name, action.Method, action.Url, 503, 1, false, "The API answered 503.", false, new Dictionary<string, string>()));
        };
        var bot = Bot(onError: "call"); // a designer's loop: try again on error
        bot.Flows[0].Nodes.Insert(2, new FlowNode { Id = "wait", Type = FlowNodeType.Say, Response = "sorry", Next = "call" });
        bot.Flows[0].Nodes.Single(n => n.Id == "call").OnError = "wait";

        await new ConversationEngine(bot, actions: failing).HandleAsync(new ConversationState(), "my balance", Balance);
        Assert.Equal(ConversationEngine.MaxActionCallsPerTurn, calls);

        calls = 0;
        bot.Actions[0].Method = "POST";
        var turn = await new ConversationEngine(bot, actions: failing).HandleAsync(new ConversationState(), "my balance", Balance);
        Assert.Equal(1, calls);
        Assert.Contains("already called", turn.Actions[1].Detail);
    }

    [Fact]
    public void TheLint_CountsAnActionsMappedSlotsAsFilled_AndWarnsOfAMissingOnError()
    {
        Assert.DoesNotContain(FlowValidator.Warnings(Bot()), p => p.Message.Contains("{balance}", StringComparison.Ordinal));
        Assert.Contains(FlowValidator.Warnings(Bot(onError: null)), p => p.Message.Contains("has no onError", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://bank.example/x", null, "/actions/0/url")]
    [InlineData("https://user:pw@bank.example/x", null, "/actions/0/url")]
    [InlineData("https://bank.example/x?key={secret:TOKEN}", null, "/actions/0")]
    [InlineData("https://{host}/x", null, "/actions/0/url")]
    [InlineData("https://bank.example/x", null, "/actions/0/headers/Host")]
    [InlineData("https://bank.example:{port}/x", null, "/actions/0/url")]
    [InlineData("https://{host|bank.example}/x", null, "/actions/0/url")]
    [InlineData("https://bank.example/x", "{\"card\": {card}}", "/actions/0/body")]
    [InlineData("https://bank.example/x", "{\"token\": \"{secret:TOKEN}\"}", "/actions/0")]
    public void AnActionWrittenWrong_IsRefusedAtSave_AtItsPlace(string url, string? body, string pointer)
    {
        var bot = Bot();
        bot.Actions[0].Url = url;
        bot.Actions[0].Method = body is null ? "GET" : "POST";
        bot.Actions[0].Body = body;
        if (pointer.EndsWith("/Host", StringComparison.Ordinal))
        {
            bot.Actions[0].Headers = new() { ["Host"] = "{tenant}.corp.example" };
        }

        Assert.Contains(BotDocuments.Validate(bot), p => p.Path == pointer);
    }

    [Fact]
    public void AGoodAction_WithABodyAndAMapPath_IsValid_AndANodeNamingNoAction_IsNot()
    {
        var bot = Bot();
        bot.Actions[0].Method = "POST";
        bot.Actions[0].Body = "{\"account\": \"{account}\", \"note\": \"{note|none}\"}";
        bot.Actions[0].Map = new() { ["balance"] = "$.accounts[0]['available balance']" };
        Assert.Empty(BotDocuments.Validate(bot));

        bot.Actions[0].Map!["balance"] = "balance";
        Assert.Contains(BotDocuments.Validate(bot), p => p.Path == "/actions/0/map/balance");

        bot.Actions[0].Map!["balance"] = "$.balance";
        bot.Flows[0].Nodes[1].Action = "nothing";
        Assert.Contains(BotDocuments.Validate(bot), p => p.Path == "/flows/0/nodes/1/action");
    }

    [Theory]
    [InlineData("$.balance.amount", "12.50")]
    [InlineData("$.cards[1].id", "c2")]
    [InlineData("$['odd key']", "yes")]
    [InlineData("$.cards", "[{\"id\":\"c1\"},{\"id\":\"c2\"}]")]
    [InlineData("$.cards[5].id", null)]
    [InlineData("$.missing", null)]
    public void APath_ReadsTheAnswer(string path, string? expected)
    {
        using var answer = System.Text.Json.JsonDocument.Parse("""{"balance":{"amount":"12.50"},"cards":[{"id":"c1"},{"id":"c2"}],"odd key":"yes"}""");

        Assert.Equal(expected, ActionTemplates.Read(answer.RootElement, path));
    }

    [Fact]
    public async Task AResponsesButtons_ComeWithTheReply_AndAnIntentPayload_IsThatIntentWithoutClassifying()
    {
        var bot = Bot();
        bot.Intents.Add(new Intent { Name = "agent", Examples = ["human"] });
        bot.Responses.Add(new ResponseTemplate { Name = "agent", Variations = ["An adviser will take over."] });
        bot.Responses.Single(r => r.Name == "say_balance").Buttons = [new ResponseButton { Title = "Talk about {balance}", Payload = "/agent" }, new ResponseButton { Title = "Thanks", Payload = "thank you" }];
        var engine = new ConversationEngine(bot, actions: Answering(true, new() { ["balance"] = "12.00" }));
        var state = new ConversationState();

        var first = await engine.HandleAsync(state, "my balance", Balance);
        var pressed = await engine.HandleAsync(state, first.Buttons[0].Payload, new TurnUnderstanding(null, 0.1f, true, [], "neutral", 0));

        Assert.Equal([new ReplyButton("Talk about 12.00", "/agent"), new ReplyButton("Thanks", "thank you")], first.Buttons);
        Assert.Equal(["An adviser will take over."], pressed.Replies);
        Assert.Equal("1. Talk about 12.00\n2. Thanks", ReplyButton.AsText(first.Buttons));
        bot.Responses.Single(r => r.Name == "say_balance").Buttons![0].Payload = "/nobody";
        Assert.Contains(BotDocuments.Validate(bot), p => p.Path == "/responses/0/buttons/0/payload");
    }

    [Fact]
    public void SlotValues_AreEscapedForWhereTheyGo()
    {
        var action = new ActionDefinition { Url = "https://bank.example/a/{account}", Body = "{\"note\": \"{note}\"}" };
        var slots = new Dictionary<string, string> { ["account"] = "1/../admin?x=1", ["note"] = "say \"hi\"\n" };

        Assert.Equal("https://bank.example/a/1%2F..%2Fadmin%3Fx%3D1", ActionTemplates.Url(action, slots));
        Assert.Equal("say \"hi\"\n", System.Text.Json.JsonDocument.Parse(ActionTemplates.Body(action, slots)!).RootElement.GetProperty("note").GetString());
        Assert.Equal("Bearer abc", ActionTemplates.Header("Bearer {secret:T}{account}", new Dictionary<string, string> { ["account"] = "\r\n" }, _ => "abc"));
        // A slot whose value names a secret stays that text.
        Assert.Equal("Bearer abc {secret:T}", ActionTemplates.Header("Bearer {secret:T} {account}", new Dictionary<string, string> { ["account"] = "{secret:T}" }, _ => "abc"));
        Assert.True(ActionTemplates.WalksThePath(action, new Dictionary<string, string> { ["account"] = ".." }));
    }
}
