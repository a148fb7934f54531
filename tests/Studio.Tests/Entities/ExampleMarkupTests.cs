using Studio.Core.Bots;
using Studio.Core.Documents;
using Studio.Core.Entities;
using Studio.Tests.Support;

namespace Studio.Tests.Entities;

/// <summary>Entities marked inside examples: the Rasa-style syntax, what the marks teach, and what a save says about them.</summary>
public class ExampleMarkupTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Fact]
    public void Marks_AreParsedOutOfTheText_WithTheirValues_AndOtherBracketsStayText()
    {
        var parsed = ExampleMarkup.Parse("block my [visa gold](card_type:visa) card, the [one](card_type) ending [1234](last4) [not a mark] (really)");

        Assert.Equal("block my visa gold card, the one ending 1234 [not a mark] (really)", parsed.Text);
        Assert.Equal(
            [new MarkedSpan(9, 9, "card_type", "visa"), new MarkedSpan(29, 3, "card_type", null), new MarkedSpan(40, 4, "last4", null)],
            parsed.Spans);
        Assert.Equal("no marks at all", ExampleMarkup.Plain("no marks at all"));
    }

    [Fact]
    public void Marks_AreWrittenBackAsTheyWereRead_AndCanBeAddedReplacedAndRemoved()
    {
        const string example = "block my [visa gold](card_type:visa) card";
        var parsed = ExampleMarkup.Parse(example);

        Assert.Equal(example, ExampleMarkup.Write(parsed.Text, parsed.Spans));
        var twice = ExampleMarkup.WithMark(example, 0, 5, "action", null);
        Assert.Equal("[block](action) my [visa gold](card_type:visa) card", twice);
        // Marking words again, across a mark, replaces it.
        Assert.Equal("block my [visa gold card](card_type:visa)", ExampleMarkup.WithMark(example, 9, 14, "card_type", " visa "));
        Assert.Equal("[block](action) my visa gold card", ExampleMarkup.WithoutMark(twice, 1));
        Assert.Throws<ArgumentException>(() => ExampleMarkup.WithMark(example, 0, 5, "x", "a (b)"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExampleMarkup.WithMark(example, 20, 50, "x", null));
    }

    private static BotDefinition CardBot(params string[] examples) => new()
    {
        Id = "card-bot",
        Name = "Card bot",
        Intents = [new Intent { Name = "block_card", Examples = [.. examples] }, new Intent { Name = "hello", Examples = ["hi", "hello"] }],
        Entities =
        [
            new EntityDefinition { Name = "card_type", Kind = EntityKind.List, Values = [new EntityValue { Value = "visa", Synonyms = ["visa card"] }] },
            new EntityDefinition { Name = "last4", Kind = EntityKind.Regex, Pattern = @"\b\d{4}\b" },
        ],
        Responses = [new ResponseTemplate { Name = "fallback", Variations = ["Sorry?"] }],
        Fallback = new FallbackPolicy { Response = "fallback" },
    };

    [Fact]
    public void MarkedValues_TeachListEntitiesTheirValuesAndSynonyms_WithoutChangingTheBot()
    {
        var bot = CardBot("block my [visa gold](card_type:visa)", "my [amex](card_type) is gone", "freeze the [Visa Card](card_type) please");

        var taught = Assert.Single(MarkedEntities.Taught(bot), e => e.Name == "card_type");
        var extractor = EntityExtractor.For(bot);

        Assert.Equal([("visa", new[] { "visa card", "visa gold" }), ("amex", Array.Empty<string>())], taught.Values!.Select(v => (v.Value, v.Synonyms.ToArray())));
        Assert.Single(bot.Entities[0].Values!); // the document keeps what the designer wrote
        Assert.Equal("visa", Assert.Single(extractor.Extract("I lost my visa gold yesterday", Today)).Value);
        Assert.Equal("amex", Assert.Single(extractor.Extract("where is my amex", Today)).Value);
    }

    [Fact]
    public void AMarkOfAnUndefinedEntity_IsRefused_AndOneItsPatternWouldNotFind_IsAWarning()
    {
        var undefined = CardBot("block my [visa](card_colour)", "block it");
        var unmatched = CardBot("block the card ending [12345](last4)", "block the card ending [1234](last4)");

        var problem = Assert.Single(BotDocuments.Validate(undefined));
        Assert.Equal("/intents/0/examples/0", problem.Path);
        Assert.Contains("marks 'visa' as card_colour, which the bot does not define", problem.Message);
        Assert.Empty(BotDocuments.Validate(unmatched));
        var warning = Assert.Single(MarkedEntities.Warnings(unmatched));
        Assert.Equal("/intents/0/examples/0", warning.Path);
        Assert.Contains("marks '12345' as last4, but last4 does not find it there", warning.Message);
    }

    [Fact]
    public void AMarkedAndAnUnmarkedExample_AreTheSameSentence()
    {
        var bot = CardBot("block my [visa](card_type) now", "block my visa now");

        Assert.Contains(BotDocuments.Validate(bot), p => p.Message.Contains("appears twice", StringComparison.Ordinal));
    }

    [Fact]
    public void TheClassifiers_LearnThePlainText()
    {
        var intent = new Intent { Name = "block_card", Examples = ["block my [visa gold](card_type:visa)", "block it"] };

        Assert.Equal(["block my visa gold", "block it"], intent.PlainExamples());
    }

    [Fact]
    public void AMarkedYamlExample_ReadsAndWritesBack()
    {
        var yaml = BotDocuments.Write(CardBot("block my [visa gold](card_type:visa) please", "block it"), BotDocumentFormat.Yaml);

        var read = BotDocuments.Read(yaml, BotDocumentFormat.Yaml);

        Assert.Empty(read.Problems);
        Assert.Equal("block my [visa gold](card_type:visa) please", read.Bot!.Intents[0].Examples[0]);
    }

    [Fact]
    public void TheBankingTemplate_TeachesMastercardAsACreditCard_ThroughAMarkedExample()
    {
        var bot = Bots.Banking();

        Assert.DoesNotContain(bot.Entities.Single(e => e.Name == "card_type").Values!, v => v.Synonyms.Contains("mastercard"));
        var found = Assert.Single(EntityExtractor.For(bot).Extract("is my mastercard blocked", Today), e => e.Entity == "card_type");
        Assert.Equal("credit", found.Value);
        Assert.Empty(MarkedEntities.Warnings(bot));
    }

    [Fact]
    public void ARenamedEntity_IsFollowedByTheMarksAndTheAskNodes()
    {
        var bot = CardBot("block my [visa gold](card_type:visa) and my [1234](last4)", "block it");
        bot.Flows = [new Flow { Name = "f", Nodes = [new() { Id = "ask", Type = FlowNodeType.Ask, Slot = "kind", Entity = "card_type" }] }];

        bot.Entities[0].Name = "card_kind";
        EntityRename.Apply(bot, "card_type", "card_kind");

        Assert.Equal("block my [visa gold](card_kind:visa) and my [1234](last4)", bot.Intents[0].Examples[0]);
        Assert.Equal("card_kind", bot.Flows[0].Nodes[0].Entity);
    }
}
