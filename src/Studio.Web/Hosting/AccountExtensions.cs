using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Studio.Data;
using Studio.Web.Accounts;

namespace Studio.Web.Hosting;

public static class AccountExtensions
{
    /// <summary>
    /// ASP.NET Core Identity on the studio's database: every studio page and studio API call needs a signed-in
    /// user (the runtime API uses API keys instead); publishing needs a designer or admin.
    /// </summary>
    public static IHostApplicationBuilder AddStudioAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName);
        builder.Services.AddOptions<OriginOptions>().BindConfiguration(OriginOptions.SectionName)
            .Validate(options => options.IsValid(), "Studio:PublicOrigin must be a scheme, host and optional port such as https://studio.example.com, without a path.")
            .ValidateOnStart();
        builder.Services.AddIdentityCore<IdentityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StudioDbContext>()
            .AddSignInManager();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = AccountEndpoints.LoginPath;
            options.AccessDeniedPath = AccountEndpoints.DeniedPath;
            options.Cookie.Name = "studio.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromDays(7);
            options.SlidingExpiration = true;
            // Scripts calling the studio API get a status, not a sign-in page.
            options.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorization(options =>
        {
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            options.AddPolicy(StudioRoles.CanEdit, policy => policy.RequireRole(StudioRoles.Admin, StudioRoles.Designer));
            options.AddPolicy(StudioRoles.CanPublish, policy => policy.RequireRole(StudioRoles.Admin, StudioRoles.Designer));
            options.AddPolicy(StudioRoles.CanAdminister, policy => policy.RequireRole(StudioRoles.Admin));
        });
        builder.Services.AddCascadingAuthenticationState();
        // The services check permissions themselves, asking who acts through this; the policies above are a first fence.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<CircuitServices>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitServicesHandler>();
        builder.Services.AddSingleton<Studio.Data.Access.ICurrentActor, SignedInActor>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        // Every cookie request checks the user's security stamp, so a cookie replayed after sign-out (which moves the
        // stamp), a removal or a role change is refused at once; the cost is one user lookup per HTTP request (see
        // docs/decisions/0010-sessions-and-same-origin-changes.md).
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        return builder;
    }

    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
