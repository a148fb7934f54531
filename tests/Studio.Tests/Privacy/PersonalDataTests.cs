using Studio.Core.Privacy;

namespace Studio.Tests.Privacy;

public class PersonalDataTests
{
    private static readonly IReadOnlyList<(string, System.Text.RegularExpressions.Regex)> Policy = [("policy number", RedactionPatterns.Compile("POL-[0-9]{8}"))];

    public static TheoryData<string, string, string> Corpus()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (message, value, kind) in PiiCorpus.Items)
        {
            data.Add(message, value, kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void EachFormat_IsFound_AsItsKind_AndOnlyItsValueIsReplaced(string message, string value, string kind)
    {
        var spans = PersonalData.Find(message, Policy);
        var redacted = PersonalData.Replace(message, spans, (s, _) => $"[{s.Kind}]");

        var span = Assert.Single(spans);
        Assert.Equal(kind, span.Kind);
        Assert.Equal(message.Replace(value, $"[{kind}]", StringComparison.Ordinal), redacted);
    }

    [Fact]
    public void NumbersThatAreNotPersonalData_AndAFailedLuhnCheck_AreNotNamedCards()
    {
        foreach (var text in PiiCorpus.Harmless.Where(t => !t.Contains("1112", StringComparison.Ordinal)))
        {
            Assert.Empty(PersonalData.Find(text, Policy));
        }

        // Sixteen digits that fail the check are not called a card (they still are not kept, as a long number).
        Assert.DoesNotContain(PersonalData.Find("4111 1111 1111 1112 is not a real card"), s => s.Kind == PersonalData.Card);
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1111 12/27 please")]
    [InlineData("card 4111-1111-1111-1111 exp 1227 cvc 123")]
    [InlineData("4111111111111111 1227")]
    public void ACardWithItsExpiryTypedAfterIt_IsStillACard(string message)
    {
        var spans = PersonalData.Find(message);
        var redacted = PersonalData.Replace(message, spans, (s, _) => $"[{s.Kind}]");

        Assert.Contains(spans, s => s.Kind == PersonalData.Card);
        Assert.DoesNotContain("1111", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zoe@example.org", "email")]
    [InlineData("chat-zoe@example.org", "email")]
    [InlineData("+44 7700 900461", "phone")]
    [InlineData("07700900461", "phone")]
    [InlineData("4111111111111111", "card number")]
    [InlineData("", "needed")]
    public void AConversationIdThatIsPersonalData_IsRefused_SayingWhat(string id, string named) =>
        Assert.Contains(named, ConversationIds.Problem(id), StringComparison.Ordinal);

    [Fact]
    public void OpaqueConversationIds_AreAccepted_EvenWhenTheirDigitsRunOn()
    {
        Assert.Null(ConversationIds.Problem("12345678-1234-4abc-9def-123456789012"));
        Assert.Null(ConversationIds.Problem("load-3-17"));
        Assert.Null(ConversationIds.Problem("order-20261204"));
        for (var i = 0; i < 2000; i++)
        {
            Assert.Null(ConversationIds.Problem(Guid.NewGuid().ToString()));
        }
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    public void Luhn(string digits, bool valid) => Assert.Equal(valid, Checksums.Luhn(digits));

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("GB82WEST12345698765433", false)]
    [InlineData("DE89370400440532013000", true)]
    public void Iban(string iban, bool valid) => Assert.Equal(valid, Checksums.Iban(iban));

    [Theory]
    [InlineData("(a+)+b", "repeats something that itself repeats")]
    [InlineData("(x*)*", "repeats something that itself repeats")]
    [InlineData("((ab){2,})+", "repeats something that itself repeats")]
    [InlineData(@"(\w)\1", "backtrack")]
    [InlineData("(?=secret)\\w+", "backtrack")]
    [InlineData("[a-", "does not compile")]
    [InlineData("x*", "matches an empty text")]
    public void APatternThatCouldHang_OrIsBroken_IsRefused_WithTheReason(string pattern, string reason)
    {
        var problem = RedactionPatterns.Problem(pattern);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentException>(() => RedactionPatterns.Compile(pattern));
    }

    [Theory]
    [InlineData("POL-[0-9]{8}")]
    [InlineData(@"\b[A-Z]{2}-\d{6}\b")]
    [InlineData("(ab)+c")]
    [InlineData(@"[(]+\d")]
    public void OrdinaryPatterns_AreAccepted(string pattern) => Assert.Null(RedactionPatterns.Problem(pattern));

    [Fact]
    public void ALongHostileText_IsCheckedInLinearTime_WithoutATimeout()
    {
        // The shapes that make backtracking engines explode, at the runtime's message limit.
        var text = new string('a', 4000) + "@" + new string('1', 4000) + " " + string.Concat(Enumerable.Repeat("1-", 2000));

        var spans = PersonalData.Find(text, [("as", RedactionPatterns.Compile("a+b"))]);

        Assert.NotNull(spans);
    }
}
