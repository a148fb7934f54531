using System.Text.Json;
using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Tests.Support;

namespace Studio.Tests.Documents;

public class RoundTripTests
{
    private static string Canonical(BotDefinition bot) => JsonSerializer.Serialize(bot, BotJson.CompactOptions);

    private static BotDefinition ReadValid(string text, BotDocumentFormat format)
    {
        var result = BotDocuments.Read(text, format);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Bot!;
    }

    [Theory]
    [InlineData("banking.yaml")]
    [InlineData("it-helpdesk.yaml")]
    public void Template_SurvivesYamlAndJsonRoundTrips_Unchanged(string template)
    {
        var original = Bots.Load(template);

        var viaYaml = ReadValid(BotDocuments.Write(original, BotDocumentFormat.Yaml), BotDocumentFormat.Yaml);
        var viaJson = ReadValid(BotDocuments.Write(viaYaml, BotDocumentFormat.Json), BotDocumentFormat.Json);

        Assert.Equal(Canonical(original), Canonical(viaYaml));
        Assert.Equal(Canonical(original), Canonical(viaJson));
    }

    [Fact]
    public void EveryPartOfABot_SurvivesRoundTrips_IncludingTrickyStrings()
    {
        var bot = FullBot();

        var yaml = BotDocuments.Write(bot, BotDocumentFormat.Yaml);
        var fromYaml = ReadValid(yaml, BotDocumentFormat.Yaml);
        var fromJson = ReadValid(BotDocuments.Write(fromYaml, BotDocumentFormat.Json), BotDocumentFormat.Json);

        Assert.Equal(Canonical(bot), Canonical(fromYaml));
        Assert.Equal(Canonical(bot), Canonical(fromJson));
        // Strings that look like other YAML types must stay strings.
        Assert.Equal(["true", "123", "null", "yes: no", "# not a comment", " leading space", "€5 & £3 ~ ^ | <>", "café"], fromYaml.Intents[0].Examples);
        Assert.Equal("Line one\nLine **two** for {card_last_four}", fromYaml.Responses[0].Variations[0]);
    }

    [Fact]
    public void Yaml_WrittenByStudio_IsPlainReadableBlockStyle()
    {
        var yaml = BotDocuments.Write(Bots.Small(), BotDocumentFormat.Yaml);

        Assert.StartsWith("id: small-bot\nname: Small bot\nlanguage: en\nintents:\n  - name: greet\n", yaml.ReplaceLineEndings("\n"));
    }

    private static BotDefinition FullBot() => new()
    {
        Id = "full-bot",
        Name = "Everything bot",
        Language = "en-GB",
        Description = "Uses every field.",
        Intents =
        [
            new Intent { Name = "odd_strings", Description = "Strings YAML would like to reinterpret", Examples = ["true", "123", "null", "yes: no", "# not a comment", " leading space", "€5 & £3 ~ ^ | <>", "café"] },
            new Intent { Name = "report_lost_card", Examples = ["I lost my card"] },
        ],
        Entities =
        [
            new EntityDefinition { Name = "amount", Kind = EntityKind.Builtin, Builtin = BuiltinEntity.Money },
            new EntityDefinition { Name = "account", Kind = EntityKind.List, Values = [new EntityValue { Value = "savings", Synonyms = ["saver", "savings account"] }] },
            new EntityDefinition { Name = "card_last_four", Kind = EntityKind.Regex, Pattern = @"\b\d{4}\b" },
        ],
        Responses =
        [
            new ResponseTemplate { Name = "confirm", Variations = ["Line one\nLine **two** for {card_last_four}", "Done."] },
            new ResponseTemplate { Name = "fallback", Variations = ["Sorry?"] },
        ],
        Fallback = new FallbackPolicy { Response = "fallback", ConfidenceThreshold = 0.42 },
        Sentiment = new SentimentPolicy { NegativeThreshold = -0.6, OnNegative = NegativeSentimentAction.Handoff, NegativeTurnsBeforeHandoff = 3 },
        Flows =
        [
            new Flow
            {
                Name = "lost_card",
                Description = "Block a lost card",
                Nodes =
                [
                    new FlowNode { Id = "start", Type = FlowNodeType.Trigger, Intent = "report_lost_card", Next = "ask", Position = new NodePosition { X = 10, Y = 20.5 } },
                    new FlowNode { Id = "ask", Type = FlowNodeType.Ask, Slot = "last4", Entity = "card_last_four", MaxAttempts = 2, Response = "confirm", Next = "check" },
                    new FlowNode
                    {
                        Id = "check",
                        Type = FlowNodeType.Branch,
                        Branches =
                        [
                            new FlowBranch { On = "sentiment", Operator = "lessThan", Value = "-0.5", Next = "human" },
                            new FlowBranch { On = "slot", Slot = "last4", Operator = "isSet", Next = "done" },
                        ],
                    },
                    new FlowNode { Id = "human", Type = FlowNodeType.Handoff },
                    new FlowNode { Id = "done", Type = FlowNodeType.End },
                ],
            },
        ],
        Tests =
        [
            new ConversationTest
            {
                Name = "lost card",
                Turns = [new TestTurn { User = "I lost my card", Expect = new TurnExpectation { Intent = "report_lost_card", Slots = new() { ["last4"] = "1234" }, ReplyContains = "Done", Handoff = false } }],
            },
        ],
        Models = new ModelAssignment { Intent = "encoder", Sentiment = "encoder", Generation = "local-llm", Cascade = new CascadeSetting { Small = "ngram", Large = "encoder", Threshold = 0.7 } },
    };
}
