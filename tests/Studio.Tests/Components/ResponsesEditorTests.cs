using Bunit;
using Studio.Core.Bots;
using Studio.Data.Drafts;
using Studio.Tests.Support;
using Studio.Web.Features.Responses;

namespace Studio.Tests.Components;

/// <summary>The Responses page's editor rendered with bUnit against a real SQLite store.</summary>
public sealed class ResponsesEditorTests : StudioComponentTest
{
    protected override Task SeedAsync(BotDraftStore store)
    {
        var bot = Bots.Small("responses-bot");
        bot.Responses.Add(new ResponseTemplate { Name = "ask_digits", Variations = ["Which card?"] });
        bot.Entities.Add(new EntityDefinition { Name = "last4", Kind = EntityKind.Regex, Pattern = @"\d{4}" });
        bot.Flows.Add(new Flow
        {
            Name = "lost",
            Nodes =
            [
                new() { Id = "t", Type = FlowNodeType.Trigger, Intent = "greet", Next = "ask" },
                new() { Id = "ask", Type = FlowNodeType.Ask, Slot = "last4", Entity = "last4", Response = "ask_digits", Next = "end" },
                new() { Id = "end", Type = FlowNodeType.End },
            ],
        });
        bot.Tests.Add(new ConversationTest { Name = "asks", Turns = [new() { User = "hello", Expect = new() { Response = "ask_digits" } }] });
        return store.CreateAsync(bot);
    }

    [Fact]
    public async Task ANewResponse_WithVariationsAndRichParts_IsSaved_AndPreviewedAsTheUserSeesIt()
    {
        var editor = Render<ResponsesEditor>(p => p.Add(e => e.BotId, "responses-bot"));
        editor.WaitForElement("[aria-label='New response']");
        // Found again for each step: each input re-renders the editor.Find("[aria-label='New response']"), and a button found before that holds a stale handler.

        Input(editor.Find("[aria-label='New response']"), "Response name").Input("card_blocked");
        Input(editor.Find("[aria-label='New response']"), "Variation 1").Input("Card **{last4|you named}** is blocked.");
        Input(editor.Find("[aria-label='New response']"), "Buttons, one per line (Title = payload; /intent sends that intent)").Input("Say bye = /bye\nThanks");
        Input(editor.Find("[aria-label='New response']"), "Links, one per line (Title = https://…)").Input("Track it = https://bank.example/track?card={last4}");

        // The preview is the engine's own rendering: the fallback for the empty slot, Markdown made safe, the parts below.
        editor.WaitForAssertion(() =>
        {
            var preview = editor.Find("[aria-label='New response'] [aria-label='Previewed reply']");
            Assert.Equal("Card you named is blocked.", preview.TextContent.Trim());
            Assert.NotNull(preview.QuerySelector("strong"));
            Assert.Equal("https://bank.example/track?card=", editor.Find("[aria-label='New response'] [aria-label='Reply attachments'] a").GetAttribute("href"));
        });
        Button(editor.Find("[aria-label='New response']"), "Add response").Click();

        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[aria-label='Edit response card_blocked']")));
        var stored = (await Store.GetAsync("responses-bot")).Bot.Responses.Single(r => r.Name == "card_blocked");
        Assert.Equal(["Card **{last4|you named}** is blocked."], stored.Variations);
        Assert.Equal([("Say bye", "/bye"), ("Thanks", "Thanks")], stored.Buttons!.Select(b => (b.Title, b.Payload)));
        Assert.Equal("https://bank.example/track?card={last4}", Assert.Single(stored.Links!).Url);
    }

    [Fact]
    public async Task ARename_IsFollowedByTheFlowAndTheTest()
    {
        var editor = Render<ResponsesEditor>(p => p.Add(e => e.BotId, "responses-bot"));
        editor.WaitForElement("[aria-label='Edit response ask_digits']").Click();
        editor.WaitForElement("[aria-label='Response ask_digits']");
        // Found again for each step: each input re-renders the editor.Find("[aria-label='Response ask_digits']"), and a button found before that holds a stale handler.

        Input(editor.Find("[aria-label='Response ask_digits']"), "Response name").Input("which_card");
        Button(editor.Find("[aria-label='Response ask_digits']"), "Save response").Click();

        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[aria-label='Response which_card']")));
        var bot = (await Store.GetAsync("responses-bot")).Bot;
        Assert.Equal("which_card", bot.Flows[0].Nodes.Single(n => n.Id == "ask").Response);
        Assert.Equal("which_card", bot.Tests[0].Turns[0].Expect!.Response);
    }

    [Fact]
    public void AResponseInUse_SaysWhere_AndCannotBeDeleted()
    {
        var editor = Render<ResponsesEditor>(p => p.Add(e => e.BotId, "responses-bot"));
        editor.WaitForElement("[aria-label='Edit response ask_digits']").Click();
        editor.WaitForElement("[aria-label='Response ask_digits']");
        // Found again for each step: each input re-renders the editor.Find("[aria-label='Response ask_digits']"), and a button found before that holds a stale handler.

        Assert.Equal("Used by flow lost, node ask; test asks, turn 1.", editor.Find("[aria-label='Response ask_digits']").QuerySelector("[data-testid=response-used-by]")!.TextContent.Trim());
        Assert.True(Button(editor.Find("[aria-label='Response ask_digits']"), "Delete").HasAttribute("disabled"));
    }

    [Fact]
    public async Task AnAddressThatIsNotAWebAddress_IsRefused_WithTheReason()
    {
        var editor = Render<ResponsesEditor>(p => p.Add(e => e.BotId, "responses-bot"));
        editor.WaitForElement("[aria-label='Edit response ask_digits']").Click();
        editor.WaitForElement("[aria-label='Response ask_digits']");
        // Found again for each step: each input re-renders the editor.Find("[aria-label='Response ask_digits']"), and a button found before that holds a stale handler.

        Input(editor.Find("[aria-label='Response ask_digits']"), "Links, one per line (Title = https://…)").Input("Click me = javascript:alert(1)");
        Button(editor.Find("[aria-label='Response ask_digits']"), "Save response").Click();

        editor.WaitForAssertion(() =>
        {
            var problem = editor.Find("[aria-label='Response ask_digits'] [role=alert]").TextContent;
            Assert.Contains("url must be an absolute http or https address such as https://example.com/page", problem);
            Assert.Contains("javascript:alert(1)", problem);
        });
        Assert.Null((await Store.GetAsync("responses-bot")).Bot.Responses.Single(r => r.Name == "ask_digits").Links);
    }
}
