namespace Studio.Web.Api;

/// <summary>The user messages a <c>bot@alias</c> completion replays: the newest ones, within a budget of turns and of characters.</summary>
internal static class ReplayWindow
{
    /// <summary>
    /// The last message always, then earlier ones newest first while both budgets hold; a message over the
    /// per-message limit ends the window, as the runtime API would have refused it. Oldest first, as replayed.
    /// </summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<string> userMessages, int maxTurns, int maxCharacters, int maxMessageLength)
    {
        var window = new List<string>();
        var characters = 0;
        for (var i = userMessages.Count - 1; i >= 0 && window.Count < maxTurns; i--)
        {
            var message = userMessages[i];
            if (window.Count > 0 && (message.Length > maxMessageLength || characters + message.Length > maxCharacters))
            {
                break;
            }

            window.Add(message);
            characters += message.Length;
        }

        window.Reverse();
        return window;
    }
}
