using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Studio.Data;

/// <summary>The two databases the studio runs on, and what differs between them.</summary>
public static class DatabaseProviders
{
    /// <summary>PostgreSQL's migrations live in their own assembly: EF Core keeps one migration history per provider.</summary>
    public const string PostgreSqlMigrationsAssembly = "Studio.Data.PostgreSql";

    public static DbContextOptionsBuilder UseStudioPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));

    /// <summary>Whether a save failed on a constraint (a unique index, a foreign key) on either database: two writers met.</summary>
    public static bool IsConstraintViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } => true, // SQLITE_CONSTRAINT
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal), // integrity constraint violation
        _ => false,
    };

    /// <summary>
    /// Drops the database <paramref name="database"/> names, from the server <paramref name="server"/> connects to (its
    /// maintenance database), closing this process's pooled connections to it and any other session that still holds it.
    /// For throwaway databases: a benchmark's, a test fixture's.
    /// </summary>
    public static async Task DropPostgreSqlDatabaseAsync(string server, string database)
    {
        using (var pooled = new NpgsqlConnection(database))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Where a PostgreSQL connection string points, without its password, for messages and logs.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return $"Host={parsed.Host};Port={parsed.Port};Database={parsed.Database};Username={parsed.Username}";
        }
        catch (ArgumentException)
        {
            return "(a connection string that does not parse)";
        }
    }
}
