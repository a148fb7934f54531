namespace Studio.Core.Bots;

/// <summary>Which of the bot's examples a large-model prompt shows.</summary>
public enum ShotSelection
{
    /// <summary>None: the intents' names and descriptions only (zero-shot).</summary>
    None,

    /// <summary>k examples drawn at random, the same ones for the same message, so a run can be repeated.</summary>
    Random,

    /// <summary>The k examples nearest the message by the encoder.</summary>
    Nearest,
}
