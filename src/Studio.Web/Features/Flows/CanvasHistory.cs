namespace Studio.Web.Features.Flows;

/// <summary>
/// Undo and redo for the canvas: each state is a snapshot of the flow's nodes (with their positions and links), recorded
/// after every edit. A new edit after an undo drops the states that could have been redone, as in every editor.
/// </summary>
public sealed class CanvasHistory
{
    /// <summary>Enough for a working session; the oldest states go first, so a long session does not grow without bound.</summary>
    public const int MaxStates = 100;

    private readonly List<string> _states = [];
    private int _current = -1;

    public bool CanUndo => _current > 0;

    public bool CanRedo => _current < _states.Count - 1;

    /// <summary>Starts again from one state: a flow just loaded.</summary>
    public void Reset(string state)
    {
        _states.Clear();
        _states.Add(state);
        _current = 0;
    }

    /// <summary>Records the state after an edit; the same state again (a click that changed nothing) is not a step.</summary>
    public bool Record(string state)
    {
        if (_current >= 0 && _states[_current] == state)
        {
            return false;
        }

        _states.RemoveRange(_current + 1, _states.Count - _current - 1);
        _states.Add(state);
        if (_states.Count > MaxStates)
        {
            _states.RemoveAt(0);
        }

        _current = _states.Count - 1;
        return true;
    }

    public string? Undo() => CanUndo ? _states[--_current] : null;

    public string? Redo() => CanRedo ? _states[++_current] : null;
}
