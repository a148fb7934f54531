using Studio.Core.Bots;

namespace Studio.Web.Features.Flows;

/// <summary>
/// Auto-layout for a flow, left to right like Dialogflow CX and Voiceflow: each node goes one column after the
/// furthest node that leads to it on a path from a trigger (links back to an earlier node, as in a re-ask loop, do not
/// push it on), nodes of one column are stacked in the order they are reached, and nodes nothing reaches go last.
/// </summary>
public static class FlowLayout
{
    public const double Left = 40;
    public const double Top = 40;
    public const double ColumnWidth = 280;
    public const double RowHeight = 120;

    /// <summary>Room between one column's widest node and the next column, for the links and their labels.</summary>
    public const double ColumnGap = 80;

    /// <param name="widthOf">A node's drawn width, when the canvas has measured it; columns are spaced by their widest node.</param>
    public static IReadOnlyDictionary<string, NodePosition> Arrange(IReadOnlyList<FlowNode> nodes, Func<string, double?>? widthOf = null)
    {
        var ids = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        // Ids are unique once saved; on the canvas two nodes may share one until then, and are laid out as one.
        var next = nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.SelectMany(n => n.Targets()).Where(ids.Contains).Distinct().ToList(), StringComparer.Ordinal);
        var roots = nodes.Where(n => n.Type == FlowNodeType.Trigger).Select(n => n.Id).ToList();
        if (roots.Count == 0 && nodes.Count > 0)
        {
            roots.Add(nodes[0].Id);
        }

        // One depth-first pass from the triggers finds the order nodes are reached in and the links that go back to a
        // node still on the path (loops); without those the links form a DAG, laid out by longest path.
        var order = new List<string>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var forward = new List<(string From, string To)>();
        void Visit(string id)
        {
            seen.Add(id);
            order.Add(id);
            onPath.Add(id);
            foreach (var target in next[id])
            {
                if (onPath.Contains(target))
                {
                    continue; // a loop back
                }

                forward.Add((id, target));
                if (!seen.Contains(target))
                {
                    Visit(target);
                }
            }

            onPath.Remove(id);
        }

        foreach (var root in roots.Where(r => !seen.Contains(r)))
        {
            Visit(root);
        }

        var column = order.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        // Quadratic in the links, which is nothing at the sizes a flow has.
        var incoming = order.ToDictionary(id => id, id => forward.Count(e => e.To == id), StringComparer.Ordinal);
        var ready = new Queue<string>(order.Where(id => incoming[id] == 0));
        while (ready.TryDequeue(out var id))
        {
            foreach (var (_, to) in forward.Where(e => e.From == id))
            {
                column[to] = Math.Max(column[to], column[id] + 1);
                if (--incoming[to] == 0)
                {
                    ready.Enqueue(to);
                }
            }
        }

        var lastColumn = column.Count == 0 ? -1 : column.Values.Max();
        foreach (var unreached in nodes.DistinctBy(n => n.Id).Where(n => !column.ContainsKey(n.Id)))
        {
            column[unreached.Id] = lastColumn + 1;
            order.Add(unreached.Id);
        }

        // Each column starts after the widest node of the one before it (unmeasured nodes count as ColumnWidth less the gap).
        var columns = column.Values.DefaultIfEmpty(0).Max() + 1;
        var lefts = new double[columns];
        for (var c = 1; c < columns; c++)
        {
            var widest = column.Where(p => p.Value == c - 1).Select(p => widthOf?.Invoke(p.Key) ?? (ColumnWidth - ColumnGap)).DefaultIfEmpty(ColumnWidth - ColumnGap).Max();
            lefts[c] = lefts[c - 1] + widest + ColumnGap;
        }

        var rows = new Dictionary<int, int>();
        var positions = new Dictionary<string, NodePosition>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            var c = column[id];
            var row = rows.GetValueOrDefault(c);
            rows[c] = row + 1;
            positions[id] = new NodePosition { X = Left + lefts[c], Y = Top + (row * RowHeight) };
        }

        return positions;
    }
}
