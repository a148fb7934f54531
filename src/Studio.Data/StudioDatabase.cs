using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>Registers the context factory (one short-lived context per operation) and the draft store.</summary>
    /// <param name="services">The container.</param>
    /// <param name="dataDirectory">Resolves the data folder when the first context is made, so configuration set late (as tests do) counts.</param>
    public static IServiceCollection AddStudioData(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        services.AddDbContextFactory<StudioDbContext>((sp, options) => options.UseSqlite(ConnectionString(dataDirectory(sp))));
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

    /// <summary>Creates the data folder and an owner-only database file, applies pending migrations and switches the file to WAL mode.</summary>
    public static async Task MigrateAsync(IServiceProvider services, string dataDirectory, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetFullPath(dataDirectory);
        PrivateFiles.PrepareDatabase(folder, Path.Combine(folder, FileName));
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets the studio read while the CLI or a second request writes; the setting sticks to the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
