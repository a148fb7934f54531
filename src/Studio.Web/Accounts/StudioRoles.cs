namespace Studio.Web.Accounts;

/// <summary>The studio's roles and the policies built on them.</summary>
public static class StudioRoles
{
    public const string Admin = "admin";

    public const string Designer = "designer";

    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Designer, Viewer];

    /// <summary>Creating, changing, importing and deleting bots: designers and admins (viewers look).</summary>
    public const string CanEdit = "can-edit";

    /// <summary>Publishing, moving aliases and managing API keys: designers and admins.</summary>
    public const string CanPublish = "can-publish";

    /// <summary>Users, and loading or unloading models: admins.</summary>
    public const string CanAdminister = "can-administer";
}
