using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Studio.Data.Access;

namespace Studio.Web.Accounts;

/// <summary>
/// The signed-in user as the actor: in a Blazor circuit, the circuit's authentication state (revalidated every
/// minute, so a role change or removal counts); in an HTTP request, the request's user. Nobody otherwise, who may do
/// nothing — background work that changes things must say who it acts for.
/// </summary>
internal sealed class SignedInActor(CircuitServices circuits, IHttpContextAccessor http) : ICurrentActor
{
    public async Task<Actor> GetAsync(CancellationToken cancellationToken = default)
    {
        // A circuit comes first: its HttpContext, if any, is the connection's, as old as the tab.
        var user = circuits.Current?.GetService<AuthenticationStateProvider>() is { } provider
            ? (await provider.GetAuthenticationStateAsync()).User
            : http.HttpContext?.User;
        if (user?.Identity is not { IsAuthenticated: true } identity)
        {
            return Actor.Nobody;
        }

        return new Actor(identity.Name ?? "unknown", user.FindFirstValue(ClaimTypes.NameIdentifier), StudioRoles.PermissionsOf(user));
    }
}
