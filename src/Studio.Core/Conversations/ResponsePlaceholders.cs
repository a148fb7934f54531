using System.Text.RegularExpressions;

namespace Studio.Core.Conversations;

/// <summary>
/// Slot placeholders in what a bot says: <c>{amount}</c> takes the slot's value, and <c>{amount|that amount}</c> says
/// "that amount" when the slot is empty. One pattern for the engine that fills them and the lint that checks them.
/// </summary>
public static partial class ResponsePlaceholders
{
    // A fallback is at most 200 characters; a longer one is not a placeholder and is said as written.
    [GeneratedRegex(@"\{(?<slot>[A-Za-z0-9_.-]+)(?:\|(?<fallback>[^{}|]{0,200}))?\}")]
    private static partial Regex Pattern();

    /// <summary>The placeholders of <paramref name="text"/>, each with its fallback (null when it has none).</summary>
    public static IEnumerable<(string Slot, string? Fallback)> In(string text) =>
        Pattern().Matches(text).Select(m => (m.Groups["slot"].Value, m.Groups["fallback"].Success ? m.Groups["fallback"].Value : null));

    /// <summary>
    /// The slots a response's placeholders name, in its variations and every rich part; <paramref name="withFallback"/>
    /// false leaves out placeholders that say a fallback when their slot is empty.
    /// </summary>
    public static IEnumerable<string> SlotsOf(Bots.ResponseTemplate response, bool withFallback)
    {
        var texts = response.Variations
            .Concat((response.Buttons ?? []).Select(b => b.Title))
            .Concat((response.Links ?? []).SelectMany(l => new[] { l.Title, l.Url }))
            .Concat((response.Images ?? []).SelectMany(i => new[] { i.Url, i.Alt }))
            .Concat((response.Cards ?? []).SelectMany(c => new[] { c.Title, c.Text ?? "", c.ImageUrl ?? "", c.Url ?? "" }.Concat((c.Buttons ?? []).Select(b => b.Title))));
        return texts.SelectMany(In).Where(p => withFallback || p.Fallback is null).Select(p => p.Slot).Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// Each placeholder replaced by <paramref name="valueOf"/> its slot; an empty value gives the fallback, or nothing
    /// when there is none, since a reply that shows "{amount}" to a customer is worse than one without the amount.
    /// </summary>
    public static string Fill(string template, Func<string, string?> valueOf) =>
        Pattern().Replace(template, m => valueOf(m.Groups["slot"].Value) is { Length: > 0 } value ? value
            : m.Groups["fallback"].Success ? m.Groups["fallback"].Value.Trim() : "");
}
