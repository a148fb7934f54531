using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Studio.Data.Drafts;
using Studio.Inference.Models;
using Studio.Tests.Llm;
using Studio.Tests.Support;
using Studio.Web.Features.Compare;

namespace Studio.Tests.Components;

public class SetupEntryTests : StudioComponentTest
{
    [Fact]
    public void ATypedSetup_IsCheckedBeforeItIsAdded_AndAddedByItsCanonicalName()
    {
        Services.AddSingleton<ModelRegistry>(_ => LocalModelTests.Registry(("stories", RepoPaths.StoriesModel, 8)));
        Services.AddSingleton(sp => new Studio.Inference.Serving.BotPipelineFactory(sp.GetRequiredService<ModelRegistry>(), new NoEmbedder(), TimeProvider.System));
        var added = new List<string>();
        var entry = Render<SetupEntry>(p => p.Add(e => e.Added, (string s) => added.Add(s)));

        var problems = new List<string>();
        foreach (var typed in new[] { "encoder+mood:happy", " encoder + generation:stories ", "stories(shots=99)", "stories(shots=4)+sentiment:head", "stories( shots=0 )" })
        {
            Input(entry.Find("div"), "Another setup").Input(typed);
            entry.Find("button").Click();
            problems.AddRange(entry.FindAll("[role=alert]").Select(a => a.TextContent));
        }

        Assert.Equal(2, problems.Count);
        Assert.Contains("'mood:happy' in 'encoder+mood:happy' is not a task", problems[0]);
        Assert.Contains("from 0 to 32", problems[1]);
        Assert.Equal(["encoder+generation:stories", "stories+sentiment:head", "stories(shots=0)"], added);
    }

    protected override Task SeedAsync(BotDraftStore store) => Task.CompletedTask;
}
