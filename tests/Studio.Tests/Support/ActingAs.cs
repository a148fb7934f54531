using Studio.Data.Access;

namespace Studio.Tests.Support;

/// <summary>Who a test acts as when it calls the services directly; a test may switch roles half-way.</summary>
public sealed class ActingAs(Actor actor) : ICurrentActor
{
    public static Actor Designer { get; } = new("designer@studio.test", "designer-id", new HashSet<Right> { Right.Edit, Right.Publish });

    public static Actor Viewer { get; } = new("viewer@studio.test", "viewer-id", new HashSet<Right>());

    public static Actor Admin { get; } = new("admin@studio.test", "admin-id", new HashSet<Right>(Enum.GetValues<Right>()));

    public Actor Actor { get; set; } = actor;

    public Task<Actor> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Actor);
}
