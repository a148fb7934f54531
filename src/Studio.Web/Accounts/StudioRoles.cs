using System.Security.Claims;
using Studio.Data.Access;

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

    private static readonly IReadOnlySet<Right> AdminPermissions = new HashSet<Right> { Right.Edit, Right.Publish, Right.Administer };

    private static readonly IReadOnlySet<Right> DesignerPermissions = new HashSet<Right> { Right.Edit, Right.Publish };

    private static readonly IReadOnlySet<Right> NoPermissions = new HashSet<Right>();

    /// <summary>What the user's role lets them do; the services check these, the policies above mirror them.</summary>
    public static IReadOnlySet<Right> PermissionsOf(ClaimsPrincipal user) =>
        user.IsInRole(Admin) ? AdminPermissions : user.IsInRole(Designer) ? DesignerPermissions : NoPermissions;
}
