using Studio.Core.Bots;

namespace Studio.Core.Conversations;

/// <summary>
/// A response as the user receives it: one variation and every rich part, with slots filled. The engine builds it for a
/// turn and the Responses page for its preview, so the preview is what a conversation says.
/// </summary>
public sealed record SaidResponse(string Name, string Text, IReadOnlyList<ReplyButton> Buttons, IReadOnlyList<ReplyLink> Links, IReadOnlyList<ReplyImage> Images,
    IReadOnlyList<ReplyCard> Cards)
{
    /// <param name="variation">Which variation to say, an index into <see cref="ResponseTemplate.Variations"/>.</param>
    /// <param name="valueOf">A slot's value, or null when it is empty (its placeholder then says its fallback).</param>
    public static SaidResponse Of(ResponseTemplate response, int variation, Func<string, string?> valueOf)
    {
        // The variation is Markdown: a value in it is literal text, never a link or an image a user wrote (MarkdownLiteral).
        string Said(string template) => Tidy(ResponsePlaceholders.Fill(template, slot => valueOf(slot) is { } value ? MarkdownLiteral.Escape(value) : null));

        // Titles, alternative text and card text are shown as text, so a value in them needs no escaping.
        string Text(string template) => Tidy(ResponsePlaceholders.Fill(template, valueOf));

        // A value a user typed must not change where a link goes: it is escaped, so it can only be part of the path or query.
        // A value of only dots would walk the path, which escaping leaves as it is: it counts as empty.
        string Url(string template) => ResponsePlaceholders.Fill(template, slot => valueOf(slot) is { } value && !value.Trim().All(c => c == '.') ? Uri.EscapeDataString(value) : null);

        var quick = response.QuickReplies == true;
        IReadOnlyList<ReplyButton> Buttons(List<ResponseButton>? buttons, bool quickReplies) =>
            [.. (buttons ?? []).Select(b => new ReplyButton(Text(b.Title), b.Payload, quickReplies))];

        return new SaidResponse(
            response.Name,
            response.Variations.Count == 0 ? "" : Said(response.Variations[variation % response.Variations.Count]),
            Buttons(response.Buttons, quick),
            [.. (response.Links ?? []).Select(l => new ReplyLink(Text(l.Title), Url(l.Url)))],
            [.. (response.Images ?? []).Select(i => new ReplyImage(Url(i.Url), Text(i.Alt)))],
            [.. (response.Cards ?? []).Select(c => new ReplyCard(Text(c.Title), c.Text is null ? null : Text(c.Text), c.ImageUrl is null ? null : Url(c.ImageUrl),
                c.Url is null ? null : Url(c.Url), Buttons(c.Buttons, quickReplies: false)))]);
    }

    /// <summary>The variation a conversation says next: the next in rotation, or one drawn from the conversation so far.</summary>
    public static int NextVariation(ResponseTemplate response, ConversationState state)
    {
        var said = state.Said.GetValueOrDefault(response.Name);
        state.Said[response.Name] = said + 1;
        var count = Math.Max(1, response.Variations.Count);
        return response.Pick == ResponsePick.Random ? (int)(Draw(state, response.Name, said) % (uint)count) : said % count;
    }

    /// <summary>
    /// The rich parts as text, for a channel that shows only text (<c>bot@alias</c>): images by their alternative text and
    /// address, links and cards with their addresses, buttons as numbered lines. Empty when there are none.
    /// </summary>
    public static string PartsAsText(IReadOnlyList<ReplyButton> buttons, IReadOnlyList<ReplyLink> links, IReadOnlyList<ReplyImage> images, IReadOnlyList<ReplyCard> cards)
    {
        // The lines join replies that clients render as Markdown, and titles may hold slot values: they are literal text.
        static string T(string? text) => text is null ? "" : MarkdownLiteral.Escape(text);
        var lines = new List<string>();
        lines.AddRange(images.Select(i => $"[image: {T(i.Alt)}] {i.Url}"));
        foreach (var card in cards)
        {
            lines.Add(string.Join(" — ", new[] { T(card.Title), T(card.Text), card.Url }.Where(p => !string.IsNullOrWhiteSpace(p))));
            lines.AddRange(card.Buttons.Select(b => $"  - {T(b.Title)}"));
        }

        lines.AddRange(links.Select(l => $"{T(l.Title)}: {l.Url}"));
        if (buttons.Count > 0)
        {
            lines.Add(ReplyButton.AsText([.. buttons.Select(b => b with { Title = T(b.Title) })]));
        }

        return string.Join("\n", lines);
    }

    // What filling leaves behind when a placeholder without a fallback is dropped.
    private static string Tidy(string text) =>
        text.Replace("  ", " ", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal).Replace(" ?", "?", StringComparison.Ordinal);

    // The conversation so far, the response and how often it was said, each followed by a separator: stable across
    // processes and replays, and different from one conversation to the next.
    private static uint Draw(ConversationState state, string name, int said)
    {
        var hash = StableHash.Start;
        foreach (var line in state.History)
        {
            hash = StableHash.Of(line.Text + "\u001f", hash);
        }

        hash = StableHash.Of(name + "\u001f", hash);
        return StableHash.Of(said.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u001f", hash);
    }
}
