namespace Studio.Web.Accounts;

/// <summary>
/// The services of the Blazor circuit whose event is being handled, for singletons that must know who is acting.
/// Set by <see cref="CircuitServicesHandler"/> around every inbound activity; it flows into awaits and <c>Task.Run</c>.
/// </summary>
public sealed class CircuitServices
{
    private static readonly AsyncLocal<IServiceProvider?> _current = new();

    public IServiceProvider? Current
    {
        get => _current.Value;
        internal set => _current.Value = value;
    }
}
