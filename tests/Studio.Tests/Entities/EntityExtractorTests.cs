using Studio.Core.Bots;
using Studio.Core.Entities;

namespace Studio.Tests.Entities;

public class EntityExtractorTests
{
    // A Friday, so "next Friday" and "on Monday" have one right answer.
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static readonly EntityDefinition[] Builtins = Enum.GetValues<BuiltinEntity>()
        .Select(b => new EntityDefinition { Name = b.ToString().ToLowerInvariant(), Kind = EntityKind.Builtin, Builtin = b }).ToArray();

    private static IReadOnlyList<ExtractedEntity> Extract(string text, params EntityDefinition[] extra) =>
        new EntityExtractor([.. Builtins, .. extra]).Extract(text, Today);

    [Theory]
    [InlineData("send £50 to John", "£50", "50.00 GBP")]
    [InlineData("pay 1,250 euros to my landlord", "1,250 euros", "1250.00 EUR")]
    [InlineData("I'd like to send 2k dollars home", "2k dollars", "2000.00 USD")]
    [InlineData("Please transfer 300 GBP today", "300 GBP", "300.00 GBP")]
    [InlineData("can you send 40 quid to my mate", "40 quid", "40.00 GBP")]
    [InlineData("do I have enough to cover $450.75 rent", "$450.75", "450.75 USD")]
    public void Money_IsFoundWithItsCurrency_AndBeatsThePlainNumber(string text, string span, string value)
    {
        var money = Assert.Single(Extract(text), e => e.Entity == "money");

        Assert.Equal(span, money.Text);
        Assert.Equal(value, money.Value);
        Assert.Equal("builtin:money", money.Extractor);
        Assert.Equal(span, text.Substring(money.Start, money.Length));
        Assert.DoesNotContain(Extract(text), e => e.Entity == "number" && e.Start >= money.Start && e.Start < money.Start + money.Length);
    }

    [Theory]
    [InlineData("can it arrive tomorrow", "2026-11-28")]
    [InlineData("set it up for next Friday", "2026-12-04")]
    [InlineData("I paid on Monday", "2026-11-30")]
    [InlineData("transactions since March 3rd", "2027-03-03")]
    [InlineData("it left on 3 November 2026", "2026-11-03")]
    [InlineData("due 2024-03-05", "2024-03-05")]
    [InlineData("statement for 05/03/2024", "2024-03-05")]
    [InlineData("move 500 on the 15th", "2026-12-15")]
    public void Dates_AreResolvedToIsoDates(string text, string expected)
    {
        Assert.Equal(expected, Assert.Single(Extract(text), e => e.Entity == "date").Value);
    }

    [Fact]
    public void UsEnglishBots_ReadNumericDatesMonthFirst()
    {
        var extractor = new EntityExtractor([new EntityDefinition { Name = "when", Kind = EntityKind.Builtin, Builtin = BuiltinEntity.Date }], monthFirstDates: true);

        Assert.Equal("2024-05-03", Assert.Single(extractor.Extract("statement for 05/03/2024", Today)).Value);
    }

    [Theory]
    [InlineData("call me at 3pm", "15:00")]
    [InlineData("the branch opens 10:30 am", "10:30")]
    [InlineData("before noon please", "12:00")]
    [InlineData("it was 12am", "00:00")]
    [InlineData("at 18:45", "18:45")]
    public void Times_AreNormalised(string text, string expected)
    {
        Assert.Equal(expected, Assert.Single(Extract(text), e => e.Entity == "time").Value);
    }

    [Fact]
    public void EmailAndPhone_AreFound()
    {
        var found = Extract("mail Jo.Bloggs@Example.com or ring +44 20 7946 0958");

        Assert.Equal("jo.bloggs@example.com", Assert.Single(found, e => e.Entity == "email").Value);
        Assert.Equal("+442079460958", Assert.Single(found, e => e.Entity == "phone").Value);
    }

    [Fact]
    public void Numbers_AreFound_InDigitsAndWords()
    {
        var found = Extract("I need three cards and 12 cheques").Where(e => e.Entity == "number").Select(e => e.Value);

        Assert.Equal(["3", "12"], found);
    }

    [Fact]
    public void ListEntities_MatchValuesSynonymsAndTypos_CaseAndAccentInsensitively()
    {
        var account = new EntityDefinition
        {
            Name = "account_type",
            Kind = EntityKind.List,
            Values =
            [
                new EntityValue { Value = "checking", Synonyms = ["current account", "everyday account"] },
                new EntityValue { Value = "savings", Synonyms = ["savings account", "saver"] },
                new EntityValue { Value = "cafe card", Synonyms = [] },
            ],
        };

        var found = new EntityExtractor([account]).Extract("Move it from my Current Account to my savngs account, not the Café card", Today);

        Assert.Collection(found,
            e => Assert.Equal(("checking", "Current Account", "list"), (e.Value, e.Text, e.Extractor)),
            e => Assert.Equal(("savings", "savngs account", "list:fuzzy"), (e.Value, e.Text, e.Extractor)),
            e => Assert.Equal(("cafe card", "Café card", "list"), (e.Value, e.Text, e.Extractor)));
    }

    [Fact]
    public void RegexEntities_ReportTheirMatch()
    {
        var lastFour = new EntityDefinition { Name = "card_last_four", Kind = EntityKind.Regex, Pattern = @"\b\d{4}\b" };

        var found = Assert.Single(new EntityExtractor([lastFour]).Extract("my card ending 4821 was taken", Today));

        Assert.Equal(("card_last_four", "4821", 15, "regex"), (found.Entity, found.Value, found.Start, found.Extractor));
    }

    [Fact]
    public void CatastrophicPattern_FindsNothing_InsteadOfStalling()
    {
        var evil = new EntityDefinition { Name = "evil", Kind = EntityKind.Regex, Pattern = "^(a+)+$" };

        Assert.Empty(new EntityExtractor([evil]).Extract(new string('a', 40) + "!", Today));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u0007\u001b[31m")]
    public void EmptyOrControlText_FindsNothing(string text)
    {
        Assert.Empty(Extract(text));
    }

    [Fact]
    public void HundredKilobytes_IsHandled()
    {
        var found = Extract(string.Concat(Enumerable.Repeat("pay £5 now ", 10_000)));

        Assert.NotEmpty(found);
        Assert.All(found, e => Assert.True(e.Start + e.Length <= EntityExtractor.MaxTextLength));
    }
}
