namespace Studio.Core.Bots;

/// <summary>How a response chooses the variation it says.</summary>
public enum ResponsePick
{
    /// <summary>The next variation each time the response is said in a conversation, from the first.</summary>
    Rotation,

    /// <summary>Any variation, drawn from what the conversation has said so far: random to the user, the same on a replay.</summary>
    Random,
}
