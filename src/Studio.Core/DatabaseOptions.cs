using System.ComponentModel.DataAnnotations;

namespace Studio.Core;

/// <summary>
/// The <c>Database</c> configuration section: SQLite in the data folder by default; PostgreSQL when the studio and
/// several runtime nodes share one database.
/// </summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";

    public const string Sqlite = "sqlite";

    public const string PostgreSql = "postgresql";

    /// <summary><c>sqlite</c> (a file in the data folder) or <c>postgresql</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Npgsql's connection string when <see cref="Provider"/> is <c>postgresql</c>; unused for SQLite. A secret: never logged or shown.</summary>
    public string ConnectionString { get; set; } = "";

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase) && !IsPostgreSql)
        {
            yield return new ValidationResult($"Database:Provider is '{Provider}'; it must be '{Sqlite}' or '{PostgreSql}'.", [nameof(Provider)]);
        }

        if (IsPostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Database:Provider is 'postgresql' but Database:ConnectionString is empty; set it to the server's Npgsql connection string (Host=…;Database=…;Username=…;Password=…).",
                [nameof(ConnectionString)]);
        }
    }
}
