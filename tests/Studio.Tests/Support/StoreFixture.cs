using Microsoft.Extensions.DependencyInjection;
using Studio.Core;
using Studio.Data;
using Studio.Data.Access;
using Studio.Data.Drafts;

namespace Studio.Tests.Support;

/// <summary>
/// A real database, migrated as the app would at start-up: SQLite in a temporary folder, or a fresh PostgreSQL
/// database on <see cref="TestPostgreSql"/>'s server. The services act as a designer unless the test sets <see cref="Acting"/>.
/// </summary>
public sealed class StoreFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private StoreFixture(TempDirectory directory, ServiceProvider services, ActingAs acting, DatabaseOptions database)
    {
        _directory = directory;
        Services = services;
        Acting = acting;
        Database = database;
    }

    public ActingAs Acting { get; }

    public ServiceProvider Services { get; }

    public string DataDirectory => _directory.Path;

    /// <summary>Which database this is, for a second set of services on the same one (a restart, another node).</summary>
    public DatabaseOptions Database { get; }

    public BotDraftStore Store => Services.GetRequiredService<BotDraftStore>();

    /// <param name="configure">Adds to the services before they are built, e.g. an interceptor that slows the database.</param>
    /// <param name="provider"><see cref="DatabaseOptions.Sqlite"/> or <see cref="DatabaseOptions.PostgreSql"/>.</param>
    public static async Task<StoreFixture> CreateAsync(Action<IServiceCollection>? configure = null, string provider = DatabaseOptions.Sqlite)
    {
        var directory = new TempDirectory();
        var database = provider == DatabaseOptions.PostgreSql
            ? new DatabaseOptions { Provider = DatabaseOptions.PostgreSql, ConnectionString = TestPostgreSql.NewDatabase() }
            : new DatabaseOptions();
        var acting = new ActingAs(ActingAs.Designer);
        var collection = OnSameDatabase(new ServiceCollection(), directory.Path, database).AddSingleton<ICurrentActor>(acting);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await StudioDatabase.MigrateAsync(services, directory.Path);
        return new StoreFixture(directory, services, acting, database);
    }

    /// <summary>The studio's data services on this fixture's database.</summary>
    public IServiceCollection OnSameDatabase(IServiceCollection services) => OnSameDatabase(services, DataDirectory, Database);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Database.IsPostgreSql)
        {
            await TestPostgreSql.DropAsync(Database.ConnectionString);
        }

        _directory.Dispose();
    }

    private static IServiceCollection OnSameDatabase(IServiceCollection services, string dataDirectory, DatabaseOptions database) =>
        services.AddStudioData(_ => dataDirectory).Configure<DatabaseOptions>(o =>
        {
            o.Provider = database.Provider;
            o.ConnectionString = database.ConnectionString;
        });
}
