using Studio.Core.Bots;
using Studio.Core.Documents;

namespace Studio.Core.Conversations;

/// <summary>
/// Checks a bot's flows. Errors (edges to nowhere, unknown intents or responses, an ask without a slot, a
/// cycle that never asks the user anything) stop a save; warnings (unreachable nodes, slots used but never
/// asked for, branches after an "otherwise") are shown to the designer.
/// </summary>
public static class FlowValidator
{
    public static IReadOnlyList<BotProblem> Errors(BotDefinition bot) => Check(bot, warnings: false);

    public static IReadOnlyList<BotProblem> Warnings(BotDefinition bot) => Check(bot, warnings: true);

    private static List<BotProblem> Check(BotDefinition bot, bool warnings)
    {
        var problems = new List<BotProblem>();
        var intents = bot.Intents.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var responses = bot.Responses.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var actions = bot.Actions.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        for (var f = 0; f < bot.Flows.Count; f++)
        {
            var flow = bot.Flows[f];
            var ids = flow.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            for (var n = 0; n < flow.Nodes.Count; n++)
            {
                var node = flow.Nodes[n];
                var at = $"/flows/{f}/nodes/{n}";
                if (warnings)
                {
                    if (node.Type == FlowNodeType.Action && node.OnError is null)
                    {
                        problems.Add(new BotProblem($"Action node '{node.Id}' has no onError: when the call fails the bot says its fallback.", at));
                    }

                    if (node.Type == FlowNodeType.Say && string.IsNullOrWhiteSpace(node.Response))
                    {
                        problems.Add(new BotProblem($"Say node '{node.Id}' has no response: it says nothing. Choose a response in its properties.", at));
                    }

                    continue;
                }

                var targets = new List<(string Target, string Where)>();
                if (node.Next is { } next)
                {
                    targets.Add((next, "/next"));
                }

                if (node.OnError is { } onError)
                {
                    targets.Add((onError, "/onError"));
                }

                targets.AddRange((node.Branches ?? []).Select((b, i) => (b.Next, $"/branches/{i}/next")));
                foreach (var (target, where) in targets.Where(t => !ids.Contains(t.Target)))
                {
                    problems.Add(new BotProblem($"Node '{node.Id}' leads to '{target}', which is not a node of flow '{flow.Name}'.", at + where));
                }

                if (node.Type == FlowNodeType.Trigger && (node.Intent is null || !intents.Contains(node.Intent)))
                {
                    problems.Add(new BotProblem($"Trigger '{node.Id}' names the intent '{node.Intent}', which the bot does not have.", at + "/intent"));
                }

                foreach (var branch in node.Branches ?? [])
                {
                    if (branch.On == "intent" && branch.Value is { } value && !intents.Contains(value))
                    {
                        problems.Add(new BotProblem($"Branch in '{node.Id}' tests the unknown intent '{value}'.", at + "/branches"));
                    }
                }

                if (node.Response is { } response && !responses.Contains(response))
                {
                    problems.Add(new BotProblem($"Node '{node.Id}' uses the response '{response}', which is not defined.", at + "/response"));
                }

                if (node.Type == FlowNodeType.Action && (node.Action is null || !actions.Contains(node.Action)))
                {
                    problems.Add(new BotProblem($"Action node '{node.Id}' calls '{node.Action}', which is not defined under actions.", at + "/action"));
                }

                if (node.Type == FlowNodeType.Ask && string.IsNullOrWhiteSpace(node.Slot))
                {
                    problems.Add(new BotProblem($"Ask node '{node.Id}' must name the slot it fills.", at));
                }
            }

            if (warnings)
            {
                problems.AddRange(Unreachable(flow, f));
                problems.AddRange(UnfilledSlots(bot, flow, f));
                problems.AddRange(BranchesAfterOtherwise(flow, f));
            }
            else if (SilentCycle(flow) is { } cycle)
            {
                problems.Add(new BotProblem($"Flow '{flow.Name}' loops through {string.Join(" → ", cycle)} without asking the user anything.", $"/flows/{f}"));
            }
        }

        return problems;
    }

    private static IEnumerable<BotProblem> Unreachable(Flow flow, int f)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(flow.Nodes.Where(n => n.Type == FlowNodeType.Trigger).Select(n => n.Id));
        while (queue.TryDequeue(out var id))
        {
            if (reached.Add(id) && flow.Nodes.FirstOrDefault(n => n.Id == id) is { } node)
            {
                foreach (var next in node.Targets())
                {
                    queue.Enqueue(next);
                }
            }
        }

        return flow.Nodes.Select((n, i) => (n, i)).Where(p => !reached.Contains(p.n.Id))
            .Select(p => new BotProblem($"Node '{p.n.Id}' cannot be reached from a trigger.", $"/flows/{f}/nodes/{p.i}"));
    }

    // The first branch that holds is taken, and "otherwise" always holds: whatever follows it is never taken.
    private static IEnumerable<BotProblem> BranchesAfterOtherwise(Flow flow, int f)
    {
        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            var branches = flow.Nodes[i].Branches ?? [];
            var otherwise = branches.FindIndex(b => b.Operator == "otherwise");
            for (var b = otherwise + 1; otherwise >= 0 && b < branches.Count; b++)
            {
                yield return new BotProblem($"Branch {b + 1} of '{flow.Nodes[i].Id}' (to '{branches[b].Next}') comes after \"otherwise\" and is never taken.",
                    $"/flows/{f}/nodes/{i}/branches/{b}");
            }
        }
    }

    // A slot a node says is filled only if an ask or action node on some path to it fills it: one after it, or in a
    // branch that never leads there, does not count.
    private static IEnumerable<BotProblem> UnfilledSlots(BotDefinition bot, Flow flow, int f)
    {
        // A placeholder with a fallback says what to say when its slot is empty, so only one without is a gap.
        var said = flow.Nodes.Select(n => bot.Responses.FirstOrDefault(r => r.Name == n.Response) is { } template
            ? ResponsePlaceholders.SlotsOf(template, withFallback: false).ToList() : []).ToList();
        if (said.All(s => s.Count == 0))
        {
            yield break;
        }

        var filledBefore = FilledBefore(bot, flow);
        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            foreach (var slot in said[i].Where(s => !filledBefore[i].Contains(s)))
            {
                yield return new BotProblem($"Node '{flow.Nodes[i].Id}' says {{{slot}}}, but no ask or action node on a path to it fills that slot.", $"/flows/{f}/nodes/{i}");
            }
        }
    }

    // For each node, the slots some path into it fills: a forward data flow to a fixed point. A node's set only grows,
    // and only by the flow's own slots, so the work is bounded by links × slots, not by paths.
    private static List<HashSet<string>> FilledBefore(BotDefinition bot, Flow flow)
    {
        IEnumerable<string> Fills(FlowNode node) => node.Type switch
        {
            FlowNodeType.Ask when node.Slot is not null => [node.Slot],
            FlowNodeType.Action => bot.Actions.FirstOrDefault(a => a.Name == node.Action)?.Map?.Keys ?? Enumerable.Empty<string>(),
            _ => [],
        };

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            index.TryAdd(flow.Nodes[i].Id, i);
        }

        var before = flow.Nodes.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        var queue = new Queue<int>(Enumerable.Range(0, flow.Nodes.Count));
        var queued = Enumerable.Repeat(true, flow.Nodes.Count).ToArray();
        while (queue.TryDequeue(out var n))
        {
            queued[n] = false;
            var after = new HashSet<string>(before[n], StringComparer.Ordinal);
            after.UnionWith(Fills(flow.Nodes[n]));
            foreach (var next in flow.Nodes[n].Targets())
            {
                if (!index.TryGetValue(next, out var m))
                {
                    continue;
                }

                var had = before[m].Count;
                before[m].UnionWith(after);
                if (before[m].Count != had && !queued[m])
                {
                    queued[m] = true;
                    queue.Enqueue(m);
                }
            }
        }

        return before;
    }

    /// <summary>A cycle of nodes none of which waits for the user, or null.</summary>
    private static List<string>? SilentCycle(Flow flow)
    {
        var nodes = flow.Nodes.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();

        List<string>? Visit(string id)
        {
            if (!nodes.TryGetValue(id, out var node) || node.Type is FlowNodeType.Ask or FlowNodeType.Handoff or FlowNodeType.End)
            {
                return null; // waiting for the user or leaving the flow breaks any loop
            }

            if (state.GetValueOrDefault(id) == 1)
            {
                return [.. path.Skip(path.IndexOf(id)), id];
            }

            if (state.GetValueOrDefault(id) == 2)
            {
                return null;
            }

            state[id] = 1;
            path.Add(id);
            foreach (var next in node.Targets())
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[id] = 2;
            return null;
        }

        return nodes.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }
}
