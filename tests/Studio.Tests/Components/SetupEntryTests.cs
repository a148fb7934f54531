using Bunit;
using Studio.Data.Drafts;
using Studio.Tests.Support;
using Studio.Web.Features.Compare;

namespace Studio.Tests.Components;

public class SetupEntryTests : StudioComponentTest
{
    [Fact]
    public void ATypedSetup_IsCheckedBeforeItIsAdded_AndAddedByItsCanonicalName()
    {
        var added = new List<string>();
        var entry = Render<SetupEntry>(p => p.Add(e => e.Added, (string s) => added.Add(s)));

        Input(entry.Find("div"), "Another setup").Input("encoder+mood:happy");
        entry.Find("button").Click();
        var problem = entry.Find("[role=alert]").TextContent;
        Input(entry.Find("div"), "Another setup").Input(" encoder + generation:stories ");
        entry.Find("button").Click();

        Assert.Contains("'mood:happy' in 'encoder+mood:happy' is not a task", problem);
        Assert.Equal(["encoder+generation:stories"], added);
        Assert.Empty(entry.FindAll("[role=alert]"));
    }

    protected override Task SeedAsync(BotDraftStore store) => Task.CompletedTask;
}
