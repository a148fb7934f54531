using MudBlazor.Services;
using Studio.Web.Features.Common;

namespace Studio.Web.Hosting;

public static class UiExtensions
{
    /// <summary>Blazor Server components, MudBlazor and the per-circuit editing state.</summary>
    public static IHostApplicationBuilder AddStudioUi(this IHostApplicationBuilder builder)
    {
        // Serve MudBlazor's and Blazor's own assets from the build output in every environment, not only Development.
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseStaticWebAssets();
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<DraftSession>();
        return builder;
    }
}
