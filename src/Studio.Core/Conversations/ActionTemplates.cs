using System.Text.Json;
using System.Text.RegularExpressions;
using Studio.Core.Bots;

namespace Studio.Core.Conversations;

/// <summary>
/// Fills an action's URL, body and headers from slots, each escaped for where it goes, and reads the secrets its
/// headers name. The same rules serve the caller and the checks made when a bot is saved.
/// </summary>
public static partial class ActionTemplates
{
    public const int DefaultTimeoutMs = 5_000;

    public static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE" };

    [GeneratedRegex(@"\{secret:(?<name>[A-Za-z0-9_]{1,100})\}")]
    private static partial Regex SecretPattern();

    /// <summary>
    /// Whether a slot would decide where the call goes: a placeholder in the scheme, host or port. Slots come from what
    /// end users type, so only the path and the query may hold them.
    /// </summary>
    public static bool HostFromSlots(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) is var at and >= 0 ? at + 3 : 0;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        return url.AsSpan(0, end < 0 ? url.Length : end).Contains('{');
    }

    /// <summary>The URL with each slot value percent-encoded.</summary>
    public static string Url(ActionDefinition action, IReadOnlyDictionary<string, string> slots) =>
        ResponsePlaceholders.Fill(action.Url, slot => slots.TryGetValue(slot, out var value) ? Uri.EscapeDataString(value) : null);

    /// <summary>The body with each slot value written as JSON string content, or null when the action sends none.</summary>
    public static string? Body(ActionDefinition action, IReadOnlyDictionary<string, string> slots) =>
        action.Body is null ? null : ResponsePlaceholders.Fill(action.Body, slot => slots.TryGetValue(slot, out var value) ? JsonEncodedText.Encode(value).ToString() : null);

    /// <summary>
    /// A header's value with slots and secrets in; line breaks in a slot value are dropped, so a value cannot add a header.
    /// Slots are filled only in the template's own text, never in a secret and never so that a value names one: a slot
    /// holding "{secret:OTHER}" stays that text.
    /// </summary>
    public static string Header(string template, IReadOnlyDictionary<string, string> slots, Func<string, string?> secret)
    {
        string Slots(string text) => ResponsePlaceholders.Fill(text, slot => slots.TryGetValue(slot, out var value) ? value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal) : null);
        var result = new System.Text.StringBuilder();
        var at = 0;
        foreach (Match match in SecretPattern().Matches(template))
        {
            result.Append(Slots(template[at..match.Index])).Append(secret(match.Groups["name"].Value) ?? "");
            at = match.Index + match.Length;
        }

        return result.Append(Slots(template[at..])).ToString();
    }

    /// <summary>Headers an action may not set: they would change where the request goes or how it is framed.</summary>
    public static readonly IReadOnlySet<string> ReservedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "TE", "Trailer", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection",
    };

    /// <summary>Whether a slot value would walk the URL's path (<c>.</c>, <c>..</c>): such a value is not sent.</summary>
    public static bool WalksThePath(ActionDefinition action, IReadOnlyDictionary<string, string> slots) =>
        ResponsePlaceholders.In(action.Url).Any(p => slots.TryGetValue(p.Slot, out var value) && value.Length > 0 && value.Trim().All(c => c == '.'));

    /// <summary>The secrets an action's headers name.</summary>
    public static IEnumerable<string> SecretsOf(ActionDefinition action) =>
        (action.Headers ?? []).Values.SelectMany(v => SecretPattern().Matches(v)).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal);

    /// <summary>Whether a text names a secret; only headers may.</summary>
    public static bool NamesASecret(string? text) => text is not null && SecretPattern().IsMatch(text);

    /// <summary>
    /// Whether a map's path is one this reader understands: <c>$</c>, then <c>.name</c>, <c>[0]</c> or <c>['a name']</c> steps.
    /// The steps are the ones <see cref="Read"/> walks, so what is accepted here is exactly what can be read.
    /// </summary>
    public static bool IsPath(string path)
    {
        if (path.Length > 500 || !path.StartsWith('$'))
        {
            return false;
        }

        var at = 1;
        foreach (Match step in StepPattern().Matches(path))
        {
            if (step.Index != at)
            {
                return false;
            }

            at += step.Length;
        }

        return at == path.Length;
    }

    /// <summary>The value at a path of the answer, as text (strings as they are, anything else as JSON), or null when it is not there.</summary>
    public static string? Read(JsonElement answer, string path)
    {
        var at = answer;
        foreach (Match step in StepPattern().Matches(path))
        {
            if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (at.ValueKind != JsonValueKind.Array || index >= at.GetArrayLength())
                {
                    return null;
                }

                at = at[index];
            }
            else if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value, out at))
            {
                return null;
            }
        }

        return at.ValueKind switch
        {
            JsonValueKind.String => at.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => at.GetRawText(),
        };
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_-]*)|\[(?<index>[0-9]{1,6})\]|\['(?<quoted>[^'\]]{1,100})'\]")]
    private static partial Regex StepPattern();
}
