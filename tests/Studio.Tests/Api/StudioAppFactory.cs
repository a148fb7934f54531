using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Studio.Tests.Support;

namespace Studio.Tests.Api;

/// <summary>
/// The real app in memory, on a SQLite file in <paramref name="dataDirectory"/>, with the repository's templates.
/// Its clients are signed in as the first administrator, unless made with <see cref="CreateAnonymousClient"/>.
/// </summary>
public sealed class StudioAppFactory(string dataDirectory, long? maxUploadBytes = null, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>A client signed in as the first administrator.</summary>
    public new HttpClient CreateClient()
    {
        var client = base.CreateClient();
        // The factory's interface is synchronous; the sign-in is two local requests.
        SignIn.AsAsync(client, SignIn.AdminEmail, SignIn.AdminPassword).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A client that has not signed in.</summary>
    public HttpClient CreateAnonymousClient() => base.CreateClient();

    /// <summary>Every client sends the studio's own origin, as a browser does on the studio's pages; a test of other origins replaces it.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        // Publishing trains and replays the bot's tests inside one request; on a loaded machine that can pass
        // HttpClient's 100 s default. The bound stays, far above any expected time, so a hang still fails.
        client.Timeout = TimeSpan.FromMinutes(10);
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Studio:Admin:Email", SignIn.AdminEmail);
        builder.UseSetting("Studio:Admin:Password", SignIn.AdminPassword);
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
