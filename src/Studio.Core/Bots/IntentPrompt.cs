namespace Studio.Core.Bots;

/// <summary>
/// A named prompt for a large-model intent rung, part of the bot so that a version freezes it: the instructions the
/// model is given before the bot's intents, and which of the bot's examples it is shown. A setup names it, as in
/// <c>gpt(prompt=terse,shots=8)</c>, and the shots say how many examples.
/// </summary>
public sealed class IntentPrompt
{
    public string Name { get; set; } = "";

    /// <summary>What the prompt is for, for the designers comparing it; never sent.</summary>
    public string? Description { get; set; }

    /// <summary>What the model is told first; the intents, the examples and the message follow.</summary>
    public string Instructions { get; set; } = "";

    public ShotSelection Examples { get; set; } = ShotSelection.Nearest;
}
