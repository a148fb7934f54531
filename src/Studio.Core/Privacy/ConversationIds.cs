namespace Studio.Core.Privacy;

/// <summary>
/// What a client may use as a conversation id. The id is stored with every turn and shown in the studio, and cannot be
/// redacted without losing what it is for (finding the conversation again, forgetting it), so an id that is personal
/// data (an email in it, or an id that is a phone or card number) is refused rather than kept: an opaque id, such as a
/// UUID, is asked for instead. Only the whole id is taken for a number, so a random id whose digits happen to run on is
/// never refused.
/// </summary>
public static class ConversationIds
{
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="id"/> cannot be a conversation id, or null when it can.</summary>
    public static string? Problem(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "A conversation id is needed: send the same opaque id (a UUID, say) with every message of the conversation.";
        }

        if (id.Length > MaxLength)
        {
            return $"Conversation ids are at most {MaxLength} characters; this one has {id.Length:N0}.";
        }

        var kind = PersonalData.Find(id).Any(s => s.Kind == PersonalData.Email) ? PersonalData.Email : WholeNumber(id);
        return kind is null
            ? null
            : $"The conversation id is personal data (a {kind}), which would be stored with every turn; use an opaque id, such as a UUID, and keep the mapping on your side.";
    }

    private static string? WholeNumber(string id)
    {
        var digits = id.Where(c => c is not (' ' or '-' or '.' or '(' or ')' or '+' or '/')).ToArray();
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        return digits.Length switch
        {
            >= 13 and <= 19 when Checksums.Luhn(digits) => PersonalData.Card,
            >= 7 and <= 15 => PersonalData.Phone,
            _ => null,
        };
    }
}
