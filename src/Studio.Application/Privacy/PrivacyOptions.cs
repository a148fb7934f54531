namespace Studio.Application.Privacy;

/// <summary>How personal data found in served turns is replaced (section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// A secret key (base64, at least 44 characters). When set, each redacted value is replaced by its kind and a keyed
    /// hash (<c>[email:…]</c>), so an analyst can see that two conversations gave the same card without seeing it. When not
    /// set, values are erased (<c>[email]</c>). Keep it out of the repository, like any secret.
    /// </summary>
    public string? CorrelationKey { get; set; }
}
