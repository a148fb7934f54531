using Studio.Core.Bots;
using Studio.Core.Setups;
using Studio.Inference.Serving;
using Studio.Tests.Support;

namespace Studio.Tests.Comparison;

public class BotSetupTests
{
    [Theory]
    [InlineData("encoder", "encoder", null, null)]
    [InlineData("cascade:ngram>encoder@0.7", "cascade:ngram>encoder@0.7", null, null)]
    [InlineData("encoder+sentiment:head", "encoder", "head", null)]
    [InlineData("gpt + generation:gpt + sentiment:gpt", "gpt", "gpt", "gpt")]
    public void Setups_NameARungPerTask(string setup, string intent, string? sentiment, string? generation)
    {
        var spec = BotSetup.Parse(setup);

        Assert.Equal((intent, sentiment, generation), (spec.Intent.Name, spec.Sentiment?.Name, spec.Generation));
        Assert.Equal(spec, BotSetup.Parse(spec.Name)); // the canonical name reads back the same
    }

    [Theory]
    [InlineData("+sentiment:head", "names no intent rung")]
    [InlineData("encoder+mood:happy", "'mood:happy' in 'encoder+mood:happy' is not a task")]
    [InlineData("encoder+sentiment:head+sentiment:gpt", "each at most once")]
    [InlineData("encoder+generation:", "is not a task")]
    public void MalformedSetups_AreRefusedWithTheReason(string setup, string reason) =>
        Assert.Contains(reason, Assert.Throws<SetupException>(() => BotSetup.Parse(setup)).Message);

    [Fact]
    public void Assigning_WritesTheNamedTasks_AndLeavesTheOthers()
    {
        var bot = Bots.Small();
        bot.Models = new ModelAssignment { Sentiment = "gpt", Generation = "gpt" };

        BotSetup.Parse("cascade:ngram>encoder@0.6+generation:stories").ApplyTo(bot);
        var cascade = bot.Models.Cascade!;
        var afterCascade = (bot.Models.Intent, cascade.Small, cascade.Large, cascade.Threshold, bot.Models.Sentiment, bot.Models.Generation);
        BotSetup.Parse("encoder+sentiment:head").ApplyTo(bot);

        Assert.Equal(("encoder", "ngram", "encoder", 0.6f, "gpt", "stories"), afterCascade);
        Assert.Equal(("encoder", null, null, "stories"), (bot.Models.Intent, bot.Models.Cascade, bot.Models.Sentiment, bot.Models.Generation));
    }

    [Theory]
    [InlineData("encoder", "encoder")]
    [InlineData("stories(shots=4)+sentiment:head", "stories+sentiment:head")]
    [InlineData("cascade:encoder>stories( shots=8 )@0.50", "cascade:encoder>stories(shots=8)@0.5")]
    [InlineData("ngram+sentiment:stories+generation:stories", "ngram+sentiment:stories+generation:stories")]
    public void CheckedSetups_AreWrittenTheWayResultsAreLabelled(string setup, string name)
    {
        using var registry = Studio.Tests.Llm.LocalModelTests.Registry(("stories", RepoPaths.StoriesModel, 8));

        Assert.Equal(name, Factory(registry).Parse(setup).Name);
    }

    [Theory]
    [InlineData("gpt5", "Unknown model 'gpt5': use ngram, encoder or a large-model profile (stories)")]
    [InlineData("cascade:encoder>bert", "Unknown model 'bert'")]
    [InlineData("cascade:encoder>stories(shots=99)", "from 0 to 32")]
    [InlineData("encoder+generation:gpt5", "Unknown model 'gpt5' for generation: use a large-model profile (stories)")]
    [InlineData("encoder+sentiment:happy", "Unknown model 'happy' for sentiment")]
    [InlineData("cascade:stories>encoder", "starts with a large model")]
    [InlineData("encoder+sentiment:ngram(shots=2)", "is not a sentiment rung")]
    public void MistypedSetups_AreRefusedBeforeARunStarts(string setup, string message)
    {
        using var registry = Studio.Tests.Llm.LocalModelTests.Registry(("stories", RepoPaths.StoriesModel, 8));

        var refusal = Assert.Throws<SetupException>(() => Factory(registry).Parse(setup));

        Assert.Contains(message, refusal.Message);
    }

    [Fact]
    public void ABotWhoseModelsCannotBeServedHere_IsRefusedAtSave_NamingTheModel()
    {
        using var registry = Studio.Tests.Llm.LocalModelTests.Registry(("stories", RepoPaths.StoriesModel, 8));
        var bot = Bots.Small();
        bot.Models = new ModelAssignment { Intent = "gpt(shots=4)" };

        var problem = Assert.Single(Factory(registry).Check(bot));

        Assert.Contains("Unknown model 'gpt'", problem.Message);
        Assert.Equal("/models", problem.Path);
        bot.Models.Intent = "stories(shots=2)";
        Assert.Empty(Factory(registry).Check(bot));
    }

    private static BotPipelineFactory Factory(Studio.Inference.Models.ModelRegistry registry) => new(registry, new NoEmbedder(), TimeProvider.System);
}
