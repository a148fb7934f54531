using System.Text.Json;
using Studio.Core.Bots;
using Studio.Core.Conversations;

namespace Studio.Core.Documents;

/// <summary>
/// What a saved action must be: an absolute http(s) URL once its slots are in, secrets only in headers, a body that is
/// JSON whatever the slots hold, and map paths this reader understands into slot names. Where an address may point is
/// the caller's check, made on every connection (a name can resolve elsewhere by the time it is called).
/// </summary>
public static class ActionRules
{
    // What a slot might hold, to check that a template stays valid once filled.
    private const string Sample = "x\" y";

    public static IEnumerable<BotProblem> Check(BotDefinition bot)
    {
        for (var i = 0; i < bot.Actions.Count; i++)
        {
            var action = bot.Actions[i];
            var at = $"/actions/{i}";
            var sample = ResponsePlaceholders.In(action.Url + " " + action.Body).Select(p => p.Slot).Distinct().ToDictionary(s => s, _ => Sample);
            var url = ActionTemplates.Url(action, sample);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            {
                yield return new BotProblem($"Action '{action.Name}' calls '{action.Url}', which is not an absolute http or https URL.", at + "/url");
            }
            else if (ActionTemplates.HostFromSlots(action.Url))
            {
                yield return new BotProblem($"Action '{action.Name}' takes its host from a slot; end users fill slots, so only the path and the query may hold placeholders.", at + "/url");
            }
            else if (uri.UserInfo.Length > 0)
            {
                yield return new BotProblem($"Action '{action.Name}' has a user name or password in its URL; put credentials in a header as {{secret:NAME}}.", at + "/url");
            }

            if (ActionTemplates.NamesASecret(action.Url) || ActionTemplates.NamesASecret(action.Body))
            {
                yield return new BotProblem($"Action '{action.Name}' names a secret outside its headers; a URL or a body shows in traces, so secrets go only in headers.", at);
            }

            if (!ActionTemplates.Methods.Contains(action.Method))
            {
                yield return new BotProblem($"Action '{action.Name}' uses the method '{action.Method}'; use {string.Join(", ", ActionTemplates.Methods)}.", at + "/method");
            }

            if (ActionTemplates.Body(action, sample) is { } body && !IsJson(body))
            {
                yield return new BotProblem($"The body of action '{action.Name}' is not JSON once its slots are filled in. Write placeholders inside strings: \"{{account}}\".", at + "/body");
            }

            foreach (var name in (action.Headers ?? []).Keys.Where(ActionTemplates.ReservedHeaders.Contains))
            {
                yield return new BotProblem($"Action '{action.Name}' sets the header '{name}', which decides where or how the request is sent; the studio sets it.", at + "/headers/" + name);
            }

            foreach (var (slot, path) in action.Map ?? [])
            {
                if (!ActionTemplates.IsPath(path))
                {
                    yield return new BotProblem($"Action '{action.Name}' fills '{slot}' from '{path}', which is not a path such as $.balance.amount or $.cards[0].id.", at + "/map/" + slot);
                }
            }
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
