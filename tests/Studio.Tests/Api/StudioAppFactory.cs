using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Studio.Tests.Support;

namespace Studio.Tests.Api;

/// <summary>The real app in memory, on a SQLite file in <paramref name="dataDirectory"/>, with the repository's templates.</summary>
public sealed class StudioAppFactory(string dataDirectory, long? maxUploadBytes = null, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.UseContentRoot(RepoPaths.Root);
        builder.UseSetting("Studio:DataDirectory", dataDirectory);
        builder.UseSetting("Studio:TemplatesDirectory", RepoPaths.Templates);
        if (maxUploadBytes is { } limit)
        {
            builder.UseSetting("Studio:MaxUploadBytes", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
