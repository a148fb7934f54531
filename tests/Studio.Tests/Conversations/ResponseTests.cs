using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Documents;
using Studio.Tests.Support;

namespace Studio.Tests.Conversations;

/// <summary>What a response says: variations in rotation or at random, placeholders and their fallbacks, and rich parts.</summary>
public class ResponseTests
{
    private static TurnUnderstanding Said(string? intent) => new(intent, 0.95f, intent is null, [], "neutral", 0f);

    private static BotDefinition Bot(ResponseTemplate hello) => new()
    {
        Id = "responses-bot",
        Name = "Responses bot",
        Intents = [new Intent { Name = "hello", Examples = ["hi"] }, new Intent { Name = "fees", Examples = ["fees"] }],
        Responses = [hello, new ResponseTemplate { Name = "fallback", Variations = ["Sorry?"] }],
        Fallback = new FallbackPolicy { Response = "fallback" },
    };

    private static List<string> SayHello(BotDefinition bot, int times, string opening = "hi")
    {
        var engine = new ConversationEngine(bot);
        var state = new ConversationState();
        return [.. Enumerable.Range(0, times).SelectMany(i => engine.Handle(state, i == 0 ? opening : "hi", Said("hello")).Replies)];
    }

    [Fact]
    public void Rotation_SaysEachVariationInTurn_CountedPerResponseNotPerTurn()
    {
        var bot = Bot(new ResponseTemplate { Name = "hello", Variations = ["one", "two", "three"] });
        var engine = new ConversationEngine(bot);
        var state = new ConversationState();

        var replies = new List<string>();
        replies.AddRange(engine.Handle(state, "hi", Said("hello")).Replies);
        engine.Handle(state, "gibberish", Said(null)); // another response in between does not move the rotation
        replies.AddRange(engine.Handle(state, "hi", Said("hello")).Replies);
        replies.AddRange(engine.Handle(state, "hi", Said("hello")).Replies);
        replies.AddRange(engine.Handle(state, "hi", Said("hello")).Replies);

        Assert.Equal(["one", "two", "three", "one"], replies);
    }

    [Fact]
    public void Random_IsTheSameForTheSameConversation_AndVariesAcrossConversations()
    {
        var bot = Bot(new ResponseTemplate { Name = "hello", Pick = ResponsePick.Random, Variations = ["a", "b", "c", "d", "e"] });

        // A replayed conversation says exactly what it said before.
        Assert.Equal(SayHello(bot, 6), SayHello(bot, 6));
        // Over many conversations every variation is said, and not always in the same order as rotation would.
        var openings = Enumerable.Range(0, 40).Select(i => SayHello(bot, 3, $"hello number {i}")).ToList();
        Assert.Equal(["a", "b", "c", "d", "e"], openings.SelectMany(o => o).Distinct().Order());
        Assert.Contains(openings, o => o is not ["a", "b", "c"]);
    }

    [Fact]
    public void AConversationsStoredHistory_StaysBounded_HoweverLongItRuns()
    {
        var bot = Bot(new ResponseTemplate { Name = "hello", Pick = ResponsePick.Random, Variations = ["a", "b"] });
        var engine = new ConversationEngine(bot);
        var state = new ConversationState();

        for (var i = 0; i < 100; i++)
        {
            engine.Handle(state, $"hi {i}", Said("hello"));
        }

        Assert.Equal(ConversationEngine.MaxHistoryLines, state.History.Count);
        Assert.Equal("hi 99", state.History[^2].Text);
        Assert.Equal(100, state.Said["hello"]);
    }

    [Fact]
    public void Said_FillsSlotsInEveryPart_AndEscapesValuesInAddresses()
    {
        var response = new ResponseTemplate
        {
            Name = "card",
            Variations = ["Card {last4|you named} is blocked."],
            Buttons = [new ResponseButton { Title = "Unblock {last4}", Payload = "/unblock" }],
            QuickReplies = true,
            Links = [new ResponseLink { Title = "Card {last4}", Url = "https://bank.example/cards/{last4}?from={channel|web}" }],
            Images = [new ResponseImage { Url = "https://bank.example/cards/{last4}.png", Alt = "Card {last4}" }],
            Cards = [new ResponseCard { Title = "Replacement", Url = "https://bank.example/track/{last4}", Buttons = [new ResponseButton { Title = "Track", Payload = "track" }] }],
        };

        var filled = SaidResponse.Of(response, 0, slot => slot == "last4" ? "12/../x?y=1" : null);
        var empty = SaidResponse.Of(response, 0, _ => null);

        Assert.Equal("Card 12/../x?y=1 is blocked.", filled.Text);
        Assert.Equal("Card you named is blocked.", empty.Text);
        Assert.Equal(new ReplyButton("Unblock 12/../x?y=1", "/unblock", QuickReply: true), Assert.Single(filled.Buttons));
        // A user's value is data in the path or query: it cannot climb the path or add a parameter.
        Assert.Equal("https://bank.example/cards/12%2F..%2Fx%3Fy%3D1?from=web", Assert.Single(filled.Links).Url);
        Assert.Equal("https://bank.example/cards/12%2F..%2Fx%3Fy%3D1.png", Assert.Single(filled.Images).Url);
        var card = Assert.Single(filled.Cards);
        Assert.Equal("https://bank.example/track/12%2F..%2Fx%3Fy%3D1", card.Url);
        Assert.False(Assert.Single(card.Buttons).QuickReply); // a card's buttons stay with the card
    }

    [Theory]
    [InlineData("[Verify your card](https://evil.example)")]
    [InlineData("![](https://evil.example/pixel.gif)")]
    [InlineData("<https://evil.example>")]
    [InlineData("https://evil.example/login")]
    [InlineData("www.evil.example")]
    [InlineData("mailto:someone@evil.example")]
    [InlineData("friend\n[x]: https://evil.example\n[me][x]")]
    public void AValueInAVariation_IsLiteralText_NeverALinkOrAnImage(string typed)
    {
        var value = typed;
        var response = new ResponseTemplate { Name = "thanks", Variations = ["Thanks, {name}! See [our help](https://bank.example/help)."] };

        var said = SaidResponse.Of(response, 0, _ => value);
        var html = Studio.Application.Text.SafeMarkdown.ToSafeHtml(said.Text);

        // The designer's own link stays the only one; what the user typed reads as typed (line breaks as spaces).
        Assert.Equal(["https://bank.example/help"], System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains(value.Replace('\n', ' '), MarkdownLiteral.Unescape(said.Text), StringComparison.Ordinal);
        Assert.Contains("evil.example", Studio.Application.Text.SafeMarkdown.ToPlainText(said.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOfOnlyDots_DoesNotWalkALinksPath()
    {
        var response = new ResponseTemplate { Name = "r", Variations = ["x"], Links = [new ResponseLink { Title = "Statement", Url = "https://bank.example/accounts/{account|mine}/statement" }] };

        Assert.Equal("https://bank.example/accounts/mine/statement", Assert.Single(SaidResponse.Of(response, 0, _ => "..").Links).Url);
    }

    [Fact]
    public void TheEngine_ReportsWhichResponsesItSaid_WithTheirParts_AndATextChannelGetsThemAsLines()
    {
        var bot = Bot(new ResponseTemplate
        {
            Name = "hello",
            Variations = ["Hi!"],
            Buttons = [new ResponseButton { Title = "Fees", Payload = "/fees" }],
            Links = [new ResponseLink { Title = "Help", Url = "https://bank.example/help" }],
            Images = [new ResponseImage { Url = "https://bank.example/logo.png", Alt = "Bank logo" }],
            Cards = [new ResponseCard { Title = "Savings", Text = "2 % a year", Url = "https://bank.example/savings", Buttons = [new ResponseButton { Title = "Open one", Payload = "open" }] }],
        });

        var result = new ConversationEngine(bot).Handle(new ConversationState(), "hi", Said("hello"));

        Assert.Equal(["hello"], result.Responses);
        Assert.Equal("Help", Assert.Single(result.Links).Title);
        Assert.Equal("Bank logo", Assert.Single(result.Images).Alt);
        Assert.Equal("Savings", Assert.Single(result.Cards).Title);
        Assert.Equal(
            "[image: Bank logo] https://bank.example/logo.png\nSavings — 2 % a year — https://bank.example/savings\n  - Open one\nHelp: https://bank.example/help\n1. Fees",
            result.PartsAsText());
    }

    [Theory]
    [InlineData("javascript:alert(1)", false, "not an absolute http or https URL")]
    [InlineData("/relative/path", false, "not an absolute http or https URL")]
    [InlineData("http://bank.example/logo.png", true, "not an absolute https URL")]
    [InlineData("https://{host}/account", false, "takes the host")]
    [InlineData("https://bank.example{path}", false, "takes the host")]
    public void Addresses_AreAbsoluteWebAddresses_WhoseHostNoSlotChooses(string url, bool image, string problem)
    {
        var response = new ResponseTemplate { Name = "r", Variations = ["x"] };
        if (image)
        {
            response.Images = [new ResponseImage { Url = url, Alt = "logo" }];
        }
        else
        {
            response.Links = [new ResponseLink { Title = "go", Url = url }];
        }

        var bot = Bot(response);

        Assert.Contains(ResponseRules.Check(bot), p => p.Message.Contains(problem, StringComparison.Ordinal));
        response.Links = response.Links is null ? null : [new ResponseLink { Title = "go", Url = "https://bank.example/{path}" }];
        response.Images = response.Images is null ? null : [new ResponseImage { Url = "https://bank.example/{name}.png", Alt = "logo" }];
        Assert.Empty(ResponseRules.Check(bot));
    }

    [Fact]
    public void TheLint_WarnsAboutAPlaceholderNothingFills_AndTheFlowCheckAboutOneNoPathFills()
    {
        var bot = Bot(new ResponseTemplate { Name = "hello", Variations = ["Hi {nickname}, card {last4}"] });
        bot.Entities = [new EntityDefinition { Name = "last4", Kind = EntityKind.Regex, Pattern = @"\d{4}" }];
        bot.Responses.Add(new ResponseTemplate { Name = "ask", Variations = ["Which card?"] });
        // The say node comes before the ask node that fills last4: no path to it fills the slot.
        bot.Flows = [new Flow
        {
            Name = "f",
            Nodes =
            [
                new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "hello", Next = "say" },
                new() { Id = "say", Type = FlowNodeType.Say, Response = "hello", Next = "ask" },
                new() { Id = "ask", Type = FlowNodeType.Ask, Slot = "last4", Entity = "last4", Response = "ask", Next = "end" },
                new() { Id = "end", Type = FlowNodeType.End },
            ],
        }];

        var lint = Assert.Single(ResponseLint.Warnings(bot));
        Assert.Contains("{nickname}", lint.Message);
        Assert.Equal("/responses/0", lint.Path);
        Assert.Contains(FlowValidator.Warnings(bot), w => w.Message.Contains("'say' says {last4}, but no ask or action node on a path to it", StringComparison.Ordinal));

        // Asked first, the slot is filled on every path to the say node.
        var nodes = bot.Flows[0].Nodes.ToDictionary(n => n.Id);
        (nodes["t"].Next, nodes["ask"].Next, nodes["say"].Next) = ("ask", "say", "end");
        Assert.DoesNotContain(FlowValidator.Warnings(bot), w => w.Message.Contains("{last4}", StringComparison.Ordinal));
    }
}
