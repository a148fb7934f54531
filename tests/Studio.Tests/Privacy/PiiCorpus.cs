namespace Studio.Tests.Privacy;

/// <summary>Personal data in the shapes users type it, each inside a sentence, with the kind it must be redacted as.</summary>
public static class PiiCorpus
{
    public static readonly IReadOnlyList<(string Message, string Value, string Kind)> Items =
    [
        ("my email is zoe.quigley+bank@mailbox-example.org thanks", "zoe.quigley+bank@mailbox-example.org", "email"),
        ("write to Q.Varga@EXAMPLE.CO.UK please", "Q.Varga@EXAMPLE.CO.UK", "email"),
        ("call me on +44 20 7946 0958 after five", "+44 20 7946 0958", "phone"),
        ("my number is (415) 555-2671", "(415) 555-2671", "phone"),
        ("ring 0049 30 12345678 tomorrow", "0049 30 12345678", "phone"),
        ("mobile 07700.900.461", "07700.900.461", "phone"),
        ("text 6135550127", "6135550127", "phone"),
        ("card 4111 1111 1111 1111 was charged twice", "4111 1111 1111 1111", "card number"),
        ("use 5500-0000-0000-0004 instead", "5500-0000-0000-0004", "card number"),
        ("amex 378282246310005 declined", "378282246310005", "card number"),
        ("visa4012888888881881 at the shop", "4012888888881881", "card number"),
        ("account 12345678901234567890 was closed", "12345678901234567890", "number"),
        ("send it to GB82 WEST 1234 5698 7654 32 please", "GB82 WEST 1234 5698 7654 32", "IBAN"),
        ("iban DE89370400440532013000", "DE89370400440532013000", "IBAN"),
        ("my account fr1420041010050500013m02606 is French", "fr1420041010050500013m02606", "IBAN"),
        ("my password is hunter2!", "hunter2!", "password"),
        ("my password is: hunter2", "hunter2", "password"),
        ("the passcode was = 8841aa", "8841aa", "password"),
        ("Password: Tr0ub4dor&3", "Tr0ub4dor&3", "password"),
        ("the pin 491827 does not work", "491827", "password"),
        ("my policy is POL-31415926 since May", "POL-31415926", "policy number"),
    ];

    /// <summary>Text that looks a little like personal data and must stay as it is.</summary>
    public static readonly IReadOnlyList<string> Harmless =
    [
        "I paid 1,250.00 on 2026-11-03 at 10:30",
        "the card ending 4821 is lost",
        "order 12 of 2026, reference 31/12/2025",
        "4111 1111 1111 1112 is not a real card",
        "my password reset link expired",
    ];
}
