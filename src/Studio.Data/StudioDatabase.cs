using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Studio.Core;

namespace Studio.Data;

/// <summary>Where the database lives and how it is brought up to date.</summary>
public static class StudioDatabase
{
    public const string FileName = "studio.db";

    public static string ConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(Path.GetFullPath(dataDirectory), FileName),
        Pooling = true,
    }.ToString();

    /// <summary>
    /// Registers the context factory (one short-lived context per operation) and the stores, on the database the
    /// <see cref="DatabaseOptions"/> name (SQLite in the data folder unless they say PostgreSQL).
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="dataDirectory">Resolves the data folder when the first context is made, so configuration set late (as tests do) counts.</param>
    public static IServiceCollection AddStudioData(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        services.AddOptions<DatabaseOptions>();
        services.AddDbContextFactory<StudioDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.IsPostgreSql)
            {
                options.UseStudioPostgreSql(database.ConnectionString);
            }
            else
            {
                options.UseSqlite(ConnectionString(dataDirectory(sp)));
            }
        });
        services.AddSingleton<Drafts.BotDraftStore>();
        services.AddSingleton<Drafts.BotImporter>();
        services.AddSingleton<Comparisons.ComparisonStore>();
        services.AddSingleton<Teaching.TeachingStore>();
        services.AddSingleton<Publishing.VersionStore>();
        services.AddSingleton<Publishing.ApiKeyStore>();
        services.AddSingleton<Publishing.TranscriptStore>();
        services.AddSingleton<Analytics.AnalyticsStore>();
        services.AddSingleton<Models.ModelProfileStore>();
        // The key ring lives in the database, so cookies and stored API keys survive restarts and are shared by every node.
        services.AddDataProtection().SetApplicationName("Studio").PersistKeysToDbContext<StudioDbContext>();
        services.AddSingleton<Core.Embeddings.IEmbeddingStore, Embeddings.DatabaseEmbeddingStore>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Applies pending migrations. For SQLite, first creates the data folder and an owner-only database file, and
    /// after switches the file to WAL mode; for PostgreSQL, a server that cannot be reached stops start-up naming the setting.
    /// </summary>
    /// <exception cref="ServerUnreachableException">PostgreSQL is configured and cannot be reached or refuses the login.</exception>
    public static async Task MigrateAsync(IServiceProvider services, string dataDirectory, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.IsPostgreSql)
        {
            await MigratePostgreSqlAsync(services, database, cancellationToken);
            return;
        }

        var folder = Path.GetFullPath(dataDirectory);
        PrivateFiles.PrepareDatabase(folder, Path.Combine(folder, FileName));
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets the studio read while the CLI or a second request writes; the setting sticks to the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private static async Task MigratePostgreSqlAsync(IServiceProvider services, DatabaseOptions database, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new ServerUnreachableException(
                $"The PostgreSQL database in Database:ConnectionString ({DatabaseProviders.Describe(database.ConnectionString)}) cannot be used: {ex.Message}", ex);
        }
    }
}
