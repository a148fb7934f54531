using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Tests.Support;

namespace Studio.Tests.Documents;

/// <summary>Where a response is used, as the Responses page shows it, refuses a delete with it, and renames it.</summary>
public class ResponseUsesTests
{
    [Fact]
    public void TheBankingTemplate_SaysWhereEachResponseIsUsed()
    {
        var bot = Bots.Banking();

        Assert.Equal(["the fallback"], ResponseUses.Of(bot, "fallback").Select(u => u.Where));
        Assert.Contains("flow lost_card, node which_card", ResponseUses.Of(bot, "ask_card_digits").Select(u => u.Where));
        Assert.Contains("intent greeting (said when it is understood outside a flow)", ResponseUses.Of(bot, "greeting").Select(u => u.Where));
        Assert.Contains(ResponseUses.Of(bot, "greeting").Select(u => u.Where), u => u.StartsWith("test greeting then transfer, turn 1", StringComparison.Ordinal));
        Assert.Contains("the sentiment hand-off", ResponseUses.Of(bot, "speak_to_human").Select(u => u.Where));
        Assert.Empty(ResponseUses.Of(bot, "no_such_response"));
    }

    [Fact]
    public void ARename_IsFollowedByFlowsTheFallbackAndTests_AndTheBotStaysValid()
    {
        var bot = Bots.Banking();
        bot.Tests[0].Turns[0].Expect!.Response = "fallback";

        bot.Responses.Single(r => r.Name == "ask_card_digits").Name = "which_card_question";
        ResponseUses.Rename(bot, "ask_card_digits", "which_card_question");
        bot.Responses.Single(r => r.Name == "fallback").Name = "did_not_understand";
        ResponseUses.Rename(bot, "fallback", "did_not_understand");

        Assert.Empty(BotDocuments.Validate(bot));
        Assert.Empty(ResponseUses.Of(bot, "ask_card_digits").Select(u => u.Where));
        Assert.Contains("flow lost_card, node which_card", ResponseUses.Of(bot, "which_card_question").Select(u => u.Where));
        Assert.Equal("did_not_understand", bot.Fallback!.Response);
        Assert.Equal("did_not_understand", bot.Tests[0].Turns[0].Expect!.Response);
    }

    [Fact]
    public void ATestExpectingAnUnknownResponse_IsRefusedWhereItIs()
    {
        var bot = Bots.Banking();
        bot.Tests[1].Turns[0].Expect!.Response = "no_such_response";

        var problem = Assert.Single(BotDocuments.Validate(bot));

        Assert.Contains("no_such_response", problem.Message);
        Assert.Equal("/tests/1/turns/0/expect/response", problem.Path);
    }
}
