using Studio.Web.Accounts;

namespace Studio.Web.Hosting;

public static class SameOriginExtensions
{
    /// <summary>
    /// Changes made with the session cookie must come from the studio's own pages (see <see cref="SameOriginGuard"/>).
    /// After authentication, so that a refused request is answered before any endpoint or form binding runs.
    /// </summary>
    public static IApplicationBuilder UseSameOriginChanges(this IApplicationBuilder app) => app.UseMiddleware<SameOriginGuard>();
}
