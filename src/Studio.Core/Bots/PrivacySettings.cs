namespace Studio.Core.Bots;

/// <summary>
/// What of a served conversation may be kept, and for how long. Personal data the built-in redactors find (emails, phone
/// numbers, card numbers, IBANs, "password is …") is always removed before a turn is stored; these settings add to that.
/// </summary>
public sealed class PrivacySettings
{
    /// <summary>Days served turns are kept; 0 keeps none. Null: the installation's <c>Runtime:TranscriptRetentionDays</c>.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>Slots whose values are never stored: the answer to their ask and every echo of their value are redacted.</summary>
    public List<string>? SensitiveSlots { get; set; }

    /// <summary>The bot's own kinds of personal data, such as customer or policy numbers.</summary>
    public List<RedactionPattern>? Patterns { get; set; }
}
