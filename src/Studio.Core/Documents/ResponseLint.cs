using Studio.Core.Bots;
using Studio.Core.Conversations;

namespace Studio.Core.Documents;

/// <summary>
/// Warnings about what responses say: a placeholder for a slot that nothing in the bot fills (no ask node, no action's map,
/// no entity of that name). The save goes through, since the designer may be about to add the node, but the studio says so.
/// Slots that a flow's path to the response does not fill are the flow check's warnings (<see cref="FlowValidator"/>).
/// </summary>
public static class ResponseLint
{
    public static IEnumerable<BotProblem> Warnings(BotDefinition bot)
    {
        var defined = bot.Flows.SelectMany(f => f.Nodes).Where(n => n.Type == FlowNodeType.Ask && n.Slot is not null).Select(n => n.Slot!)
            .Concat(bot.Actions.SelectMany(a => a.Map?.Keys ?? Enumerable.Empty<string>()))
            .Concat(bot.Entities.Select(e => e.Name))
            .ToHashSet(StringComparer.Ordinal);
        for (var r = 0; r < bot.Responses.Count; r++)
        {
            foreach (var slot in ResponsePlaceholders.SlotsOf(bot.Responses[r], withFallback: true).Where(s => !defined.Contains(s)))
            {
                yield return new BotProblem(
                    $"Response '{bot.Responses[r].Name}' says {{{slot}}}, but the bot has no slot '{slot}': no ask node, action map or entity fills it, so it always says its fallback.",
                    $"/responses/{r}");
            }
        }
    }
}
