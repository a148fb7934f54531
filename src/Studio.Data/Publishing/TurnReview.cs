namespace Studio.Data.Publishing;

/// <summary>What a designer did with a served turn in the review inbox.</summary>
public enum TurnReview
{
    /// <summary>Not reviewed yet.</summary>
    None,

    /// <summary>Added as an example of the chosen intent.</summary>
    Example,

    /// <summary>Confirmed as something the bot does not handle.</summary>
    OutOfScope,

    /// <summary>Its conversation became a conversation test.</summary>
    Test,

    /// <summary>Looked at; nothing to learn.</summary>
    Dismissed,
}
