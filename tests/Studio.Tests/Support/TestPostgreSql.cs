using Npgsql;

namespace Studio.Tests.Support;

/// <summary>
/// The PostgreSQL server the storage tests also run against: <c>STUDIO_TEST_POSTGRES</c> names it (<c>.ci/run</c>
/// starts Debian's server on loopback and sets it). Each fixture gets a database of its own, dropped afterwards.
/// </summary>
public static class TestPostgreSql
{
    public const string Variable = "STUDIO_TEST_POSTGRES";

    private const string LocalDefault = "Host=127.0.0.1;Port=5432;Username=studio;Password=studio;Database=postgres";

    /// <summary>The server's connection string (its maintenance database).</summary>
    public static string Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set : LocalDefault;

    /// <summary>A connection string for a database no other test uses; the migrations create it.</summary>
    public static string NewDatabase() => new NpgsqlConnectionStringBuilder(Server)
    {
        Database = $"studio_test_{Guid.NewGuid():N}",
        // Small pools: many fixtures run at once, and the server allows 100 connections.
        MaxPoolSize = 8,
    }.ConnectionString;

    /// <summary>Drops a database made by <see cref="NewDatabase"/>, closing what still holds it.</summary>
    public static Task DropAsync(string connectionString) => Studio.Data.DatabaseProviders.DropPostgreSqlDatabaseAsync(Server, connectionString);
}
