using Bunit;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Studio.Application.Privacy;
using Studio.Application.Runtime;
using Studio.Data.Drafts;
using Studio.Tests.Support;
using Studio.Web.Features.Privacy;

namespace Studio.Tests.Components;

/// <summary>The privacy page: custom patterns with a live preview of what would be stored, retention, and refusal of a pattern that could hang.</summary>
public sealed class PrivacyEditorTests : StudioComponentTest
{
    protected override Task SeedAsync(BotDraftStore store)
    {
        Services.AddRedaction();
        Services.AddSingleton<TurnRedactor>();
        Services.AddOptions<RuntimeOptions>();
        return store.CreateAsync(Bots.Small("private-bot"));
    }

    [Fact]
    public async Task ACustomPattern_IsPreviewedAsStored_AndSaved_WithTheRetention()
    {
        var editor = Render<PrivacyEditor>(p => p.Add(e => e.BotId, "private-bot"));
        Button(editor, "Add a pattern").Click();
        Input(editor, "Kind").Input("policy number");
        Input(editor, "Pattern").Input("POL-[0-9]{8}");
        Input(editor, "Days served turns are kept").Change("14");
        Input(editor, "A message a user might send").Input("policy POL-12345678, mail me at ana@example.org");

        editor.WaitForAssertion(() => Assert.Equal("Stored as: policy [policy number], mail me at [email]", editor.Find("[data-testid=privacy-preview]").TextContent.Trim()));
        Button(editor, "Save privacy settings").Click();

        editor.WaitForAssertion(() => Assert.Contains("Saved", editor.Find("[role=status]").TextContent));
        var privacy = (await Store.GetAsync("private-bot")).Bot.Privacy!;
        Assert.Equal(14, privacy.RetentionDays);
        var pattern = Assert.Single(privacy.Patterns!);
        Assert.Equal(("policy number", "POL-[0-9]{8}"), (pattern.Name, pattern.Pattern));
    }

    [Fact]
    public async Task APatternThatCouldBacktrackWithoutBound_IsFlagged_AndRefusedAtSave()
    {
        var editor = Render<PrivacyEditor>(p => p.Add(e => e.BotId, "private-bot"));
        Button(editor, "Add a pattern").Click();
        Input(editor, "Kind").Input("runaway");
        Input(editor, "Pattern").Input("(a+)+b");

        editor.WaitForAssertion(() => Assert.Contains("repeats something that itself repeats", editor.Markup));
        Button(editor, "Save privacy settings").Click();

        editor.WaitForAssertion(() => Assert.Contains("Not saved", editor.Find("[role=alert]").TextContent));
        Assert.Null((await Store.GetAsync("private-bot")).Bot.Privacy);
    }
}
