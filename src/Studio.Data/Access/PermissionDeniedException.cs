namespace Studio.Data.Access;

/// <summary>The actor lacks the permission an operation needs; nothing was changed.</summary>
public sealed class PermissionDeniedException(Right permission, string actor)
    : Exception($"{actor} may not {Describe(permission)}: that needs {Needed(permission)}.")
{
    public Right Right { get; } = permission;

    private static string Describe(Right permission) => permission switch
    {
        Right.Edit => "create, change, import, delete or vote on bots",
        Right.Publish => "publish, move aliases or manage API keys",
        _ => "manage users",
    };

    private static string Needed(Right permission) => permission == Right.Administer ? "the admin role" : "the designer or admin role";
}
