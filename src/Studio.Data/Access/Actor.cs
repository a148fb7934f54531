namespace Studio.Data.Access;

/// <summary>Who is acting now: a name for records, the account id when there is one, and what they may do.</summary>
/// <param name="Name">Recorded as who published, moved an alias or created a key.</param>
/// <param name="UserId">The account's id, or null for the local operator (the CLI), who has no account.</param>
/// <param name="Permissions">What this actor may do.</param>
public sealed record Actor(string Name, string? UserId, IReadOnlySet<Right> Permissions)
{
    /// <summary>Nobody signed in: may do nothing.</summary>
    public static Actor Nobody { get; } = new("nobody", null, new HashSet<Right>());

    public bool Can(Right permission) => Permissions.Contains(permission);
}
