using MudBlazor.Services;
using Studio.Core;
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

        // A pasted document travels as one SignalR message; SignalR's 32 KB default dropped the circuit at a
        // 24 KB paste. Let a message carry a document up to the upload limit in UTF-8, three bytes a character
        // at worst, with room for the message around it; the paste box checks the limit itself.
        var uploadLimit = builder.Configuration.GetSection(StudioOptions.SectionName).Get<StudioOptions>()?.MaxUploadBytes ?? new StudioOptions().MaxUploadBytes;
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = MaxCircuitMessageBytes(uploadLimit));
        builder.Services.AddMudServices();
        builder.Services.AddScoped<DraftSession>();
        return builder;
    }

    public static long MaxCircuitMessageBytes(long uploadLimit) => (3 * uploadLimit) + (64 * 1024);
}
