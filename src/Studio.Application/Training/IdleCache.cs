namespace Studio.Application.Training;

/// <summary>
/// Values per bot, at most <paramref name="capacity"/> of them: the one used longest ago goes first, and one unused for
/// <paramref name="idle"/> is dropped when next looked at. Plain and deterministic, unlike a memory cache whose
/// compaction may refuse the newest entry or run later: a model just trained must be there when the page asks.
/// </summary>
internal sealed class IdleCache<TValue>(int capacity, TimeSpan idle, TimeProvider clock) where TValue : class
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Key, TValue Value, DateTimeOffset Used)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value, DateTimeOffset Used)>> _nodes = [];

    public TValue? Get(string key)
    {
        lock (_gate)
        {
            DropIdle();
            if (!_nodes.TryGetValue(key, out var node))
            {
                return null;
            }

            Touch(node, node.Value.Value);
            return node.Value.Value;
        }
    }

    public void Set(string key, TValue value)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                Touch(node, value);
            }
            else
            {
                _nodes[key] = _order.AddFirst((key, value, clock.GetUtcNow()));
            }

            while (_nodes.Count > capacity && _order.Last is { } oldest)
            {
                Remove(oldest);
            }

            DropIdle();
        }
    }

    private void Touch(LinkedListNode<(string Key, TValue Value, DateTimeOffset Used)> node, TValue value)
    {
        _order.Remove(node);
        node.Value = (node.Value.Key, value, clock.GetUtcNow());
        _order.AddFirst(node);
    }

    private void DropIdle()
    {
        var cutoff = clock.GetUtcNow() - idle;
        while (_order.Last is { } oldest && oldest.Value.Used <= cutoff)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<(string Key, TValue Value, DateTimeOffset Used)> node)
    {
        _order.Remove(node);
        _nodes.Remove(node.Value.Key);
    }
}
