using Studio.Core.Bots;

namespace Studio.Core.Documents;

/// <summary>
/// Where a response is said or expected: flow nodes, the fallback, an intent of the same name (said when it is understood
/// outside a flow), the sentiment hand-off, and conversation tests. The Responses page shows these, refuses to delete a
/// response that has any, and renames them all with the response.
/// </summary>
public static class ResponseUses
{
    /// <summary>The response a hand-off says when neither a node nor the sentiment policy names one.</summary>
    public const string HandoffResponse = "speak_to_human";

    public static IReadOnlyList<string> Of(BotDefinition bot, string name)
    {
        var uses = new List<string>();
        uses.AddRange(bot.Flows.SelectMany(f => f.Nodes.Where(n => n.Response == name).Select(n => $"flow {f.Name}, node {n.Id}")));
        if (bot.Fallback?.Response == name)
        {
            uses.Add("the fallback");
        }

        if (bot.Intents.Any(i => i.Name == name))
        {
            uses.Add($"intent {name} (said when it is understood outside a flow)");
        }

        if (name == HandoffResponse && bot.Sentiment?.OnNegative == NegativeSentimentAction.Handoff)
        {
            uses.Add("the sentiment hand-off");
        }

        for (var t = 0; t < bot.Tests.Count; t++)
        {
            uses.AddRange(bot.Tests[t].Turns.Select((turn, u) => (turn, u)).Where(p => p.turn.Expect?.Response == name)
                .Select(p => $"test {bot.Tests[t].Name}, turn {p.u + 1}"));
        }

        return uses;
    }

    /// <summary>Points every node, the fallback and every test expectation that names <paramref name="from"/> at <paramref name="to"/>.</summary>
    public static void Rename(BotDefinition bot, string from, string to)
    {
        foreach (var node in bot.Flows.SelectMany(f => f.Nodes).Where(n => n.Response == from))
        {
            node.Response = to;
        }

        if (bot.Fallback is { } fallback && fallback.Response == from)
        {
            fallback.Response = to;
        }

        foreach (var expect in bot.Tests.SelectMany(t => t.Turns).Select(t => t.Expect).Where(e => e?.Response == from))
        {
            expect!.Response = to;
        }
    }
}
