using Studio.Application;

namespace Studio.Web.Hosting;

public static class InferenceExtensions
{
    /// <summary>The application layer: the same services the command line runs on, with the web host's configuration.</summary>
    public static IHostApplicationBuilder AddStudioInference(this IHostApplicationBuilder builder) => builder.AddStudioApplication();
}
