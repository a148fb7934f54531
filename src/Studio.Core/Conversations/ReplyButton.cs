namespace Studio.Core.Conversations;

/// <summary>
/// A button as a reply carries it: its title with slots filled, and the payload pressing it sends back as the user's message.
/// A quick reply is a button that the channel removes once the user has answered.
/// </summary>
public sealed record ReplyButton(string Title, string Payload, bool QuickReply = false)
{
    /// <summary>The intent a payload such as <c>/check_balance</c> sends, or null for a payload that is plain text.</summary>
    public static string? IntentOf(string payload) =>
        payload.Length > 1 && payload[0] == '/' && payload.AsSpan(1).IndexOfAny(' ', '/') < 0 ? payload[1..] : null;

    /// <summary>The buttons as text, for a channel that shows only text: one numbered line each.</summary>
    public static string AsText(IReadOnlyList<ReplyButton> buttons) =>
        string.Join("\n", buttons.Select((b, i) => $"{i + 1}. {b.Title}"));
}
