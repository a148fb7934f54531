using System.Net;
using Studio.Core.Bots;
using Studio.Core.Conversations;
using Studio.Core.Documents;

namespace Studio.Application.Actions;

/// <summary>
/// An installation's checks of a bot's actions. On every save: a URL whose host is this machine, link-local or a
/// metadata address, written as such, is refused unless <c>Actions:AllowedHosts</c> names it (a name that resolves
/// there is refused when it is called). At publish: every secret the headers name must be configured.
/// </summary>
public sealed class ActionChecks(OutboundAddresses addresses, ActionOptions options) : IBotCheck
{
    public IReadOnlyList<BotProblem> Check(BotDefinition bot)
    {
        var problems = new List<BotProblem>();
        for (var i = 0; i < bot.Actions.Count; i++)
        {
            var action = bot.Actions[i];
            if (Uri.TryCreate(action.Url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && !addresses.IsAllowedHost(uri.IdnHost)
                && Refusal(uri) is { } refusal)
            {
                problems.Add(new BotProblem($"Action '{action.Name}' calls {uri.Host}, {refusal}, which actions may not call; an operator can allow the host under Actions:AllowedHosts.",
                    $"/actions/{i}/url"));
            }
        }

        return problems;
    }

    /// <summary>Why the bot cannot be published here: each secret its actions name that is not configured.</summary>
    public IReadOnlyList<string> MissingSecrets(BotDefinition bot) =>
        [.. bot.Actions.SelectMany(a => ActionTemplates.SecretsOf(a).Where(s => !options.Secrets.ContainsKey(s)).Select(s => $"action '{a.Name}' names the secret '{s}', which is not configured (Actions:Secrets:{s})"))];

    private static string? Refusal(Uri uri) =>
        uri.IsLoopback ? "this machine"
        : IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) ? OutboundAddresses.Refusal(address)
        : null;
}
