using Microsoft.AspNetCore.Identity;
using Studio.Data.Access;
using Studio.Data.Publishing;

namespace Studio.Web.Accounts;

/// <summary>
/// Adding, removing and changing accounts: admins only, checked here whoever calls. Removing an account revokes the
/// API keys it created, so nothing it handed out outlives it.
/// </summary>
public sealed class UserAdministration(UserManager<IdentityUser> users, ApiKeyStore keys, ICurrentActor actor)
{
    /// <summary>Longest email an account may have, as Identity's column allows.</summary>
    public const int MaxEmailLength = 256;

    public async Task<IReadOnlyList<StudioUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        var list = new List<StudioUser>();
        foreach (var user in users.Users.OrderBy(u => u.Email).ToList())
        {
            list.Add(new StudioUser(user.Id, user.Email ?? user.UserName ?? "", await RoleOfAsync(user)));
        }

        return list;
    }

    /// <summary>Creates an account with a generated password, returned once.</summary>
    /// <exception cref="ArgumentException">The email or role is not acceptable, or the email is taken.</exception>
    public async Task<string> CreateAsync(string email, string role, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        EnsureRole(role);
        email = email.Trim();
        if (email.Length is 0 or > MaxEmailLength)
        {
            throw new ArgumentException($"An email has 1 to {MaxEmailLength} characters.");
        }

        var password = FirstAdmin.GeneratePassword();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Ensure(await users.CreateAsync(user, password));
        Ensure(await users.AddToRoleAsync(user, role));
        return password;
    }

    public async Task SetRoleAsync(string userId, string role, CancellationToken cancellationToken = default)
    {
        var admin = await actor.DemandAsync(Right.Administer, cancellationToken);
        EnsureRole(role);
        var user = await FindAsync(userId);
        EnsureNotSelf(admin, user, "change your own role");
        Ensure(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
        Ensure(await users.AddToRoleAsync(user, role));
        // Open tabs and cookies of that user pick up the new role within a minute.
        Ensure(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Gives the account a new generated password, returned once.</summary>
    public async Task<string> ResetPasswordAsync(string userId, CancellationToken cancellationToken = default)
    {
        await actor.DemandAsync(Right.Administer, cancellationToken);
        var user = await FindAsync(userId);
        var password = FirstAdmin.GeneratePassword();
        Ensure(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password));
        return password;
    }

    /// <summary>Removes the account and revokes every API key it created.</summary>
    public async Task RemoveAsync(string userId, CancellationToken cancellationToken = default)
    {
        var admin = await actor.DemandAsync(Right.Administer, cancellationToken);
        var user = await FindAsync(userId);
        EnsureNotSelf(admin, user, "remove yourself");
        // Keys first: if the removal then fails, the account stays with its keys revoked, never the other way round.
        await keys.RevokeOwnedByAsync(user.Id, cancellationToken);
        Ensure(await users.DeleteAsync(user));
    }

    private async Task<string> RoleOfAsync(IdentityUser user) => (await users.GetRolesAsync(user)).FirstOrDefault() ?? StudioRoles.Viewer;

    private async Task<IdentityUser> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new KeyNotFoundException("There is no such user; someone may have removed them.");

    private static void EnsureRole(string role)
    {
        if (!StudioRoles.All.Contains(role))
        {
            throw new ArgumentException($"'{role}' is not a role; use one of {string.Join(", ", StudioRoles.All)}.");
        }
    }

    private static void EnsureNotSelf(Actor admin, IdentityUser user, string what)
    {
        if (admin.UserId == user.Id)
        {
            throw new ArgumentException($"You cannot {what}; ask another admin.");
        }
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ArgumentException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
