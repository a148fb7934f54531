using Studio.Core.Bots;
using Studio.Core.Privacy;

namespace Studio.Core.Documents;

/// <summary>
/// The privacy settings a schema cannot check: each custom pattern compiles for the non-backtracking engine and cannot
/// match nothing, names are unique, and each sensitive slot is one the bot fills (a misspelt name would protect nothing).
/// </summary>
public static class PrivacyRules
{
    public static IEnumerable<BotProblem> Check(BotDefinition bot)
    {
        if (bot.Privacy is not { } privacy)
        {
            yield break;
        }

        var patterns = privacy.Patterns ?? [];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < patterns.Count; i++)
        {
            if (!names.Add(patterns[i].Name))
            {
                yield return new BotProblem($"Two redaction patterns are named '{patterns[i].Name}'. Names must be unique (ignoring case).", $"/privacy/patterns/{i}/name");
            }

            if (RedactionPatterns.Problem(patterns[i].Pattern) is { } problem)
            {
                yield return new BotProblem(problem, $"/privacy/patterns/{i}/pattern");
            }
        }

        var filled = FilledSlots(bot);
        var sensitive = privacy.SensitiveSlots ?? [];
        for (var i = 0; i < sensitive.Count; i++)
        {
            if (!filled.Contains(sensitive[i]))
            {
                yield return new BotProblem($"The sensitive slot '{sensitive[i]}' is not filled by any ask or action node, so marking it protects nothing. Check the name.",
                    $"/privacy/sensitiveSlots/{i}");
            }
        }
    }

    /// <summary>The slots some node of the bot fills: asks' slots and the slots actions map their answers into.</summary>
    public static HashSet<string> FilledSlots(BotDefinition bot)
    {
        var slots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in bot.Flows.SelectMany(f => f.Nodes))
        {
            if (node is { Type: FlowNodeType.Ask, Slot: { } slot })
            {
                slots.Add(slot);
            }
            else if (node.Type == FlowNodeType.Action && bot.Actions.FirstOrDefault(a => a.Name == node.Action)?.Map is { } map)
            {
                slots.UnionWith(map.Keys);
            }
        }

        return slots;
    }
}
