using Microsoft.Extensions.DependencyInjection;
using Studio.Data;
using Studio.Data.Access;
using Studio.Data.Drafts;

namespace Studio.Tests.Support;

/// <summary>
/// A real SQLite database in a temporary folder, migrated as the app would at start-up. The services act as a
/// designer unless the test sets <see cref="Acting"/>.
/// </summary>
public sealed class StoreFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private StoreFixture(TempDirectory directory, ServiceProvider services, ActingAs acting)
    {
        _directory = directory;
        Services = services;
        Acting = acting;
    }

    public ActingAs Acting { get; }

    public ServiceProvider Services { get; }

    public string DataDirectory => _directory.Path;

    public BotDraftStore Store => Services.GetRequiredService<BotDraftStore>();

    /// <param name="configure">Adds to the services before they are built, e.g. an interceptor that slows the database.</param>
    public static async Task<StoreFixture> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var directory = new TempDirectory();
        var acting = new ActingAs(ActingAs.Designer);
        var collection = new ServiceCollection().AddStudioData(_ => directory.Path).AddSingleton<ICurrentActor>(acting);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await StudioDatabase.MigrateAsync(services, directory.Path);
        return new StoreFixture(directory, services, acting);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _directory.Dispose();
    }
}
