namespace Studio.Data.Access;

public static class ActorExtensions
{
    /// <summary>The current actor when they have <paramref name="permission"/>; otherwise throws before anything is done.</summary>
    /// <exception cref="PermissionDeniedException">The actor lacks the permission.</exception>
    public static async Task<Actor> DemandAsync(this ICurrentActor current, Right permission, CancellationToken cancellationToken = default)
    {
        var actor = await current.GetAsync(cancellationToken);
        return actor.Can(permission) ? actor : throw new PermissionDeniedException(permission, actor.Name);
    }
}
