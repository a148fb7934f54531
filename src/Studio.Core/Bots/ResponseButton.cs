namespace Studio.Core.Bots;

/// <summary>
/// A button or quick reply under a response. Pressing it sends its payload back as the user's message: text as it is,
/// or <c>/intent_name</c> to send that intent itself, understood with full confidence and no classification.
/// </summary>
public sealed class ResponseButton
{
    public string Title { get; set; } = "";

    public string Payload { get; set; } = "";
}
