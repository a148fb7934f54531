using Studio.Core.Bots;
using Studio.Inference.Comparison;
using Studio.Tests.Support;

namespace Studio.Tests.Comparison;

public class SetupSpecTests
{
    [Theory]
    [InlineData("encoder", "encoder", null, null)]
    [InlineData("cascade:ngram>encoder@0.7", "cascade:ngram>encoder@0.7", null, null)]
    [InlineData("encoder+sentiment:head", "encoder", "head", null)]
    [InlineData("gpt + generation:gpt + sentiment:gpt", "gpt", "gpt", "gpt")]
    public void Setups_NameARungPerTask(string setup, string intent, string? sentiment, string? generation)
    {
        var spec = SetupSpec.Parse(setup);

        Assert.Equal((intent, sentiment, generation), (spec.Intent, spec.Sentiment, spec.Generation));
        Assert.Equal(spec, SetupSpec.Parse(spec.Name)); // the canonical name reads back the same
    }

    [Theory]
    [InlineData("+sentiment:head", "names no intent rung")]
    [InlineData("encoder+mood:happy", "'mood:happy' in 'encoder+mood:happy' is not a task")]
    [InlineData("encoder+sentiment:head+sentiment:gpt", "each at most once")]
    [InlineData("encoder+generation:", "is not a task")]
    public void MalformedSetups_AreRefusedWithTheReason(string setup, string reason) =>
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => SetupSpec.Parse(setup)).Message);

    [Fact]
    public void Assigning_WritesTheNamedTasks_AndLeavesTheOthers()
    {
        var bot = Bots.Small();
        bot.Models = new ModelAssignment { Sentiment = "gpt", Generation = "gpt" };

        SetupAssignment.Apply(bot, "cascade:ngram>encoder@0.6+generation:stories");
        var cascade = bot.Models.Cascade!;
        var afterCascade = (bot.Models.Intent, cascade.Small, cascade.Large, cascade.Threshold, bot.Models.Sentiment, bot.Models.Generation);
        SetupAssignment.Apply(bot, "encoder+sentiment:head");

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

        Assert.Equal(name, SetupSpec.Parse(setup).Checked(registry).Name);
    }

    [Theory]
    [InlineData("gpt5", "Unknown intent rung 'gpt5': use ngram, encoder or a large model (stories)")]
    [InlineData("cascade:encoder>bert", "Unknown intent rung 'bert'")]
    [InlineData("cascade:encoder>stories(shots=99)", "from 0 to 32")]
    [InlineData("encoder+generation:gpt5", "Unknown model 'gpt5' for generation: use a large-model profile (stories)")]
    [InlineData("encoder+sentiment:happy", "Unknown model 'happy' for sentiment")]
    public void MistypedSetups_AreRefusedBeforeARunStarts(string setup, string message)
    {
        using var registry = Studio.Tests.Llm.LocalModelTests.Registry(("stories", RepoPaths.StoriesModel, 8));

        var refusal = Assert.Throws<ArgumentException>(() => SetupSpec.Parse(setup).Checked(registry));

        Assert.Contains(message, refusal.Message);
    }
}
