namespace Studio.Web.Hosting;

/// <summary>Where the studio finds its configuration and static files.</summary>
public static class StudioHost
{
    /// <summary>
    /// The content root is the working folder (the repository root for <c>dotnet run</c>, the publish
    /// folder for a published app). When started from elsewhere, the folder of the binaries is used,
    /// since the build copies <c>appsettings.json</c>, <c>templates/</c> and (on publish) <c>wwwroot/</c> there.
    /// </summary>
    public static WebApplicationOptions CreateOptions(string[] args)
    {
        var workingFolder = Directory.GetCurrentDirectory();
        var useBinaries = !File.Exists(Path.Combine(workingFolder, "appsettings.json"))
            && File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        return new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(StudioHost).Assembly.GetName().Name,
            ContentRootPath = useBinaries ? AppContext.BaseDirectory : null,
        };
    }
}
