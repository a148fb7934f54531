namespace Studio.Data.Access;

/// <summary>
/// Who the operation running now acts for. Every mutating service asks this before any work, so a page and the
/// API cannot disagree about what a user may do; each host (web request, Blazor circuit, CLI, tests) says who it is.
/// </summary>
public interface ICurrentActor
{
    Task<Actor> GetAsync(CancellationToken cancellationToken = default);
}
