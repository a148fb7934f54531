using Microsoft.Extensions.Options;
using Studio.Core;
using Studio.Core.Templates;
using Studio.Data;

namespace Studio.Web.Hosting;

public static class StorageExtensions
{
    /// <summary>Options, the SQLite database in the data folder, drafts and starter templates.</summary>
    public static IHostApplicationBuilder AddStudioStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StudioOptions>()
            .BindConfiguration(StudioOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddStudioData(sp => Resolve(builder.Environment, sp.GetRequiredService<IOptions<StudioOptions>>().Value.DataDirectory));
        builder.Services.AddSingleton(sp => new TemplateCatalog(
            Resolve(builder.Environment, sp.GetRequiredService<IOptions<StudioOptions>>().Value.TemplatesDirectory)));
        return builder;
    }

    /// <summary>Applies migrations before the first request, so a broken database stops start-up with its reason.</summary>
    public static async Task PrepareStorageAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StudioOptions>>().Value;
        var dataDirectory = Resolve(app.Environment, options.DataDirectory);
        await StudioDatabase.MigrateAsync(app.Services, dataDirectory);
        Studio.Application.ScaleOut.ScaleOutServices.ConnectAtStart(app.Services);
        await app.Services.GetRequiredService<Studio.Application.Models.ModelProfiles>().LoadAsync();
        var templates = app.Services.GetRequiredService<TemplateCatalog>();
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        app.Logger.LogInformation("Studio data in {Database}; templates from {Templates}",
            database.IsPostgreSql ? $"PostgreSQL ({DatabaseProviders.Describe(database.ConnectionString)})" : dataDirectory, templates.Directory);
        if (!Directory.Exists(templates.Directory))
        {
            app.Logger.LogWarning("The templates folder {Templates} does not exist (Studio:TemplatesDirectory); new bots can only start empty", templates.Directory);
        }

        foreach (var (file, problem) in templates.Broken())
        {
            app.Logger.LogWarning("Template {File} is not offered: {Problem}", file, problem);
        }
    }

    // Relative folders are taken from the content root, the same folder appsettings.json is read from.
    private static string Resolve(IHostEnvironment environment, string path) =>
        Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
}
