using Microsoft.Extensions.Logging.Abstractions;
using Studio.Core.Setups;
using Studio.Inference.Llm;
using Studio.Inference.Models;
using Studio.Tests.Support;

namespace Studio.Tests.Llm;

public sealed class LargeModelRungTests : IDisposable
{
    private readonly ModelRegistry _registry = new(new Dictionary<string, ModelProfileOptions>
    {
        ["stories"] = new() { Kind = ModelKind.Gguf, Path = RepoPaths.StoriesModel },
    }, _ => new HttpClient(), NullLogger<ModelRegistry>.Instance);

    [Theory]
    [InlineData("stories", 4, "stories")]
    [InlineData("stories(shots=0)", 0, "stories(shots=0)")]
    [InlineData("stories( shots = 12 )", 12, "stories(shots=12)")]
    [InlineData("stories(shots=4)", 4, "stories")]
    [InlineData("stories(shots=8,prompt=terse)", 8, "stories(prompt=terse,shots=8)")]
    [InlineData("stories(prompt=terse, shots=4)", 4, "stories(prompt=terse)")]
    public void Options_Parse_AndTheNameIsWrittenOneWay(string rung, int shots, string name)
    {
        var large = LargeModelRung.Resolve(_registry, Rung.Parse(rung));

        Assert.Equal("stories", large.Profile.Id);
        Assert.Equal(shots, large.Shots);
        Assert.Equal(name, large.Name);
    }

    [Theory]
    [InlineData("ngram")]
    [InlineData("encoder")]
    [InlineData("unknown(shots=2)")]
    public void RungsThatAreNoLargeModel_AreRefused(string rung) =>
        Assert.Throws<SetupException>(() => LargeModelRung.Resolve(_registry, Rung.Parse(rung)));

    [Theory]
    [InlineData("stories(shots=33)", "from 0 to 32")]
    [InlineData("stories(shots=-1)", "from 0 to 32")]
    [InlineData("stories(shots=many)", "from 0 to 32")]
    [InlineData("stories(temperature=0.2)", "'temperature'")]
    [InlineData("stories(shots=2", "does not close")]
    [InlineData("stories(prompt=)", "must name one of the bot's prompts")]
    [InlineData("stories(prompt=two words)", "must name one of the bot's prompts")]
    public void BadOptions_AreRefused_NotReadAsTheDefault(string rung, string message) =>
        Assert.Contains(message, Assert.Throws<SetupException>(() => Rung.Parse(rung)).Message);

    [Fact]
    public void APromptTheBotDoesNotHave_IsRefusedAtSave_NamingTheOnesItHas()
    {
        var bot = Bots.Banking();
        bot.Models = new Studio.Core.Bots.ModelAssignment { Intent = "stories(prompt=chatty)" };
        var pipelines = new Studio.Inference.Serving.BotPipelineFactory(_registry, new NoEmbedder(), TimeProvider.System);

        var problem = Assert.Single(pipelines.Check(bot));

        Assert.Equal("/models", problem.Path);
        Assert.Contains("names the prompt 'chatty', which the bot does not have (terse, zero-shot)", problem.Message);
        bot.Models.Intent = "stories(prompt=terse,shots=8)";
        Assert.Empty(pipelines.Check(bot));
    }

    [Fact]
    public void TheProfileId_IsTheRungWithoutItsOptions() => Assert.Equal("stories", Rung.Parse("stories(shots=0)").Profile);

    public void Dispose() => _registry.Dispose();
}
