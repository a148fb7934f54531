using System.Reflection;
using System.Text.RegularExpressions;
using Studio.Core.Bots;
using Studio.Core.Entities;

namespace Studio.Tests.Entities;

/// <summary>Messages built to make regular expressions backtrack find what they hold, or nothing, and never throw.</summary>
public class PathologicalTextTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    public static TheoryData<string> HostileTexts() =>
    [
        new string('1', 800),
        new string('9', 10_000),
        "$" + new string('1', 800),
        new string('1', 800) + " dollars",
        "usd " + new string('5', 3000) + "k",
        string.Concat(Enumerable.Repeat("1,", 1500)),
        string.Concat(Enumerable.Repeat("1.", 1500)) + "x",
        new string('@', 4000),
        new string('.', 4000),
        new string('a', 4000),
        "a" + new string('@', 2000) + new string('.', 2000),
        string.Concat(Enumerable.Repeat("a.", 2000)) + "@",
        string.Concat(Enumerable.Repeat("a@a.", 1000)),
        string.Concat(Enumerable.Repeat("+1 (55) ", 500)),
        string.Concat(Enumerable.Repeat("12 ", 1400)),
        string.Concat(Enumerable.Repeat("12:3", 1000)),
        string.Concat(Enumerable.Repeat("1/2/", 1000)),
        string.Concat(Enumerable.Repeat("3 of may ", 500)),
        string.Concat(Enumerable.Repeat("on monday ", 400)),
        string.Concat(Enumerable.Repeat("-1-1.1,1 1e1 ", 300)),
    ];

    private static readonly EntityDefinition[] Everything =
    [
        .. Enum.GetValues<BuiltinEntity>().Select(b => new EntityDefinition { Name = b.ToString().ToLowerInvariant(), Kind = EntityKind.Builtin, Builtin = b }),
        new EntityDefinition { Name = "nested", Kind = EntityKind.Regex, Pattern = "(a+)+$" },
        new EntityDefinition { Name = "backreference", Kind = EntityKind.Regex, Pattern = @"((\d+)+)\1x" },
        new EntityDefinition { Name = "lookahead", Kind = EntityKind.Regex, Pattern = @"(?=(\d|1)+y)\d" },
    ];

    [Fact]
    public void EveryBuiltinPattern_RunsOnTheLinearTimeEngine()
    {
        var all = (IReadOnlyList<Regex>)typeof(EntityExtractor).Assembly.GetType("Studio.Core.Entities.BuiltinPatterns")!
            .GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var declared = typeof(EntityExtractor).Assembly.GetType("Studio.Core.Entities.BuiltinPatterns")!
            .GetMethods(BindingFlags.Public | BindingFlags.Static).Count(m => m.ReturnType == typeof(Regex));

        Assert.Equal(declared, all.Count);
        Assert.All(all, pattern => Assert.True(pattern.Options.HasFlag(RegexOptions.NonBacktracking), pattern.ToString()));
    }

    [Fact]
    public void DesignerPatterns_UseTheLinearTimeEngine_WhenTheyCan_AndATimeoutOtherwise()
    {
        Assert.True(DesignerPatterns.Compile("(a+)+$")!.Options.HasFlag(RegexOptions.NonBacktracking));
        Assert.Equal(DesignerPatterns.MatchTimeout, DesignerPatterns.Compile(@"(\d+)\1")!.MatchTimeout);
        Assert.Null(DesignerPatterns.Compile("(unclosed"));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void HostileText_IsExtracted_WithoutThrowing(string text)
    {
        var found = new EntityExtractor(Everything).Extract(text, Today);

        Assert.All(found, e => Assert.Equal(e.Text, text.Substring(e.Start, e.Length)));
    }

    [Fact]
    public void HugeAmounts_AreNoAmount_WhileOrdinaryOnesAreStillFound()
    {
        var text = "$" + new string('1', 800) + " and then $12 and " + new string('7', 40) + " and 7";

        var found = new EntityExtractor(Everything).Extract(text, Today);

        Assert.Contains(found, e => e is { Entity: "money", Value: "12.00 USD" });
        Assert.Contains(found, e => e is { Entity: "number", Value: "7" });
        Assert.DoesNotContain(found, e => e.Text.Length > 30);
    }

    [Theory]
    [InlineData("version 1.5.3 is out")]
    [InlineData("1,234,5 is not a number")]
    [InlineData("it costs abc123")]
    public void NumbersTouchingOtherDigits_AreNotNumbers(string text)
    {
        Assert.DoesNotContain(new EntityExtractor(Everything).Extract(text, Today), e => e.Entity == "number");
    }

    [Theory]
    [InlineData("it costs -12.5 today", "-12.5")]
    [InlineData("we have 1,250,000.50 left", "1250000.50")]
    [InlineData("the 12. of them", "12")]
    public void NumbersWithSignsAndGroups_AreStillFound(string text, string value)
    {
        Assert.Contains(new EntityExtractor(Everything).Extract(text, Today), e => e.Entity == "number" && e.Value == value);
    }

    [Fact]
    public void APhoneAfterAPlusSign_OrALetter_IsNotAPhone()
    {
        var found = new EntityExtractor(Everything).Extract("code ++442079460958 or x02079460958, else ring 020 7946 0958", Today);

        Assert.Equal("02079460958", Assert.Single(found, e => e.Entity == "phone").Value);
    }
}
