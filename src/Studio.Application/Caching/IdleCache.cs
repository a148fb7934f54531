namespace Studio.Application.Caching;

/// <summary>
/// Values by key, at most <paramref name="capacity"/> of them: the one used longest ago goes first, one unused for
/// <paramref name="idle"/> is dropped when next looked at, and when the process is short of memory a new entry first
/// lets go of the older half. Plain and deterministic, unlike a memory cache whose compaction may refuse the newest
/// entry or run later: a model just trained must be there when the page asks. A value let go that is disposable is disposed.
/// </summary>
/// <param name="memoryIsShort">Whether memory is short now; by default the runtime's own high-memory-load signal.</param>
internal sealed class IdleCache<TValue>(int capacity, TimeSpan idle, TimeProvider clock, Func<bool>? memoryIsShort = null) where TValue : class
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Key, TValue Value, DateTimeOffset Used)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value, DateTimeOffset Used)>> _nodes = [];
    private readonly Func<bool> _memoryIsShort = memoryIsShort ?? MemoryIsShort;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    public TValue? Get(string key)
    {
        List<TValue> dropped = [];
        TValue? value = null;
        lock (_gate)
        {
            DropIdle(dropped);
            if (_nodes.TryGetValue(key, out var node))
            {
                Touch(node, value = node.Value.Value);
            }
        }

        DisposeAll(dropped);
        return value;
    }

    public void Set(string key, TValue value)
    {
        List<TValue> dropped = [];
        lock (_gate)
        {
            Put(key, value, dropped);
        }

        DisposeAll(dropped);
    }

    /// <summary>The value kept under <paramref name="key"/>, or a new one from <paramref name="create"/> (called under the lock: keep it cheap).</summary>
    public TValue GetOrAdd(string key, Func<TValue> create)
    {
        List<TValue> dropped = [];
        TValue value;
        lock (_gate)
        {
            DropIdle(dropped);
            if (_nodes.TryGetValue(key, out var node))
            {
                Touch(node, value = node.Value.Value);
            }
            else
            {
                Put(key, value = create(), dropped);
            }
        }

        DisposeAll(dropped);
        return value;
    }

    public void Remove(string key)
    {
        TValue? removed = null;
        lock (_gate)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                removed = node.Value.Value;
                Remove(node);
            }
        }

        DisposeAll(removed is null ? [] : [removed]);
    }

    /// <summary>Lets every value go, as at shutdown.</summary>
    public void Clear()
    {
        List<TValue> dropped = [];
        lock (_gate)
        {
            DropOldest(_nodes.Count, dropped);
        }

        DisposeAll(dropped);
    }

    private void Put(string key, TValue value, List<TValue> dropped)
    {
        if (_nodes.TryGetValue(key, out var node))
        {
            if (!ReferenceEquals(node.Value.Value, value))
            {
                dropped.Add(node.Value.Value);
            }

            Touch(node, value);
            return;
        }

        if (_nodes.Count > 0 && _memoryIsShort())
        {
            DropOldest(_nodes.Count / 2, dropped);
        }

        _nodes[key] = _order.AddFirst((key, value, clock.GetUtcNow()));
        DropOldest(_nodes.Count - capacity, dropped);
        DropIdle(dropped);
    }

    private void Touch(LinkedListNode<(string Key, TValue Value, DateTimeOffset Used)> node, TValue value)
    {
        _order.Remove(node);
        node.Value = (node.Value.Key, value, clock.GetUtcNow());
        _order.AddFirst(node);
    }

    private void DropOldest(int count, List<TValue> dropped)
    {
        for (var i = 0; i < count && _order.Last is { } oldest; i++)
        {
            dropped.Add(oldest.Value.Value);
            Remove(oldest);
        }
    }

    private void DropIdle(List<TValue> dropped)
    {
        var cutoff = clock.GetUtcNow() - idle;
        while (_order.Last is { } oldest && oldest.Value.Used <= cutoff)
        {
            dropped.Add(oldest.Value.Value);
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<(string Key, TValue Value, DateTimeOffset Used)> node)
    {
        _order.Remove(node);
        _nodes.Remove(node.Value.Key);
    }

    // Outside the lock: disposing may wait (a model still generating is freed when it ends).
    private static void DisposeAll(List<TValue> values)
    {
        foreach (var value in values)
        {
            (value as IDisposable)?.Dispose();
        }
    }

    // The garbage collector's own judgement: the machine's memory load has reached its high-load threshold.
    private static bool MemoryIsShort()
    {
        var info = GC.GetGCMemoryInfo();
        return info.HighMemoryLoadThresholdBytes > 0 && info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes;
    }
}
