using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Studio.Core.Bots;
using Studio.Core.Privacy;

namespace Studio.Application.Privacy;

/// <summary>A served turn as it may be stored: what the user typed and what the bot said, personal data replaced.</summary>
public sealed record RedactedTurn(string UserText, IReadOnlyList<string> Replies);

/// <summary>
/// Takes personal data out of a served turn before anything stores it. Finding is <see cref="PersonalData"/>'s work;
/// what a found value becomes is the registered redactor's (Microsoft.Extensions.Compliance): erased by default,
/// a keyed hash when <see cref="PrivacyOptions.CorrelationKey"/> is set.
/// </summary>
public sealed class TurnRedactor(IRedactorProvider redactors)
{
    /// <summary>The one data classification of everything redacted here: the redactor does not depend on the kind.</summary>
    public static readonly DataClassification PersonalDataClass = new("Studio", "PersonalData");

    private readonly Redactor _redactor = redactors.GetRedactor(new DataClassificationSet(PersonalDataClass));

    // A served version's definition never changes, so its compiled patterns are kept with it and go when it goes.
    private readonly ConditionalWeakTable<BotDefinition, IReadOnlyList<(string, Regex)>> _patterns = [];

    public RedactedTurn Redact(BotDefinition bot, string userText, IReadOnlyList<string> replies, SensitiveTurn sensitive)
    {
        var patterns = _patterns.GetValue(bot, Compile);
        var user = sensitive.AnsweredSlot is { } slot ? $"[{slot}]" : Clean(sensitive.WithoutValues(userText), patterns);
        return new RedactedTurn(user, [.. replies.Select(r => Clean(sensitive.WithoutValues(r), patterns))]);
    }

    /// <summary>Any text with the built-in and the bot's personal data replaced.</summary>
    public string Redact(BotDefinition bot, string text) => Clean(text, _patterns.GetValue(bot, Compile));

    private string Clean(string text, IReadOnlyList<(string, Regex)> patterns)
    {
        IReadOnlyList<PersonalDataSpan> spans;
        try
        {
            spans = PersonalData.Find(text, patterns);
        }
        catch (RegexMatchTimeoutException)
        {
            // Linear engines still take time on a huge text; keeping nothing is the only safe answer then.
            return "[not stored: the text took too long to check for personal data]";
        }

        return PersonalData.Replace(text, spans, (span, value) =>
        {
            var token = _redactor.Redact(value);
            return token.Length == 0 ? $"[{span.Kind}]" : $"[{span.Kind}:{token}]";
        });
    }

    private static IReadOnlyList<(string, Regex)> Compile(BotDefinition bot) =>
        // Saving refuses a pattern that does not compile; a version from before that rule skips it rather than failing every turn.
        [.. (bot.Privacy?.Patterns ?? []).Where(p => RedactionPatterns.Problem(p.Pattern) is null).Select(p => (p.Name, RedactionPatterns.Compile(p.Pattern)))];
}
