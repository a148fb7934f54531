using Microsoft.Extensions.DependencyInjection;
using Studio.Core;
using Studio.Tests.Support;

namespace Studio.Tests.Storage;

/// <summary>
/// Tests of the stores, run on SQLite as written and again on PostgreSQL by a subclass in
/// <c>OnPostgreSql.cs</c>: the two databases must behave alike.
/// </summary>
public abstract class StorageTests
{
    /// <summary><see cref="DatabaseOptions.Sqlite"/> unless a subclass runs the same tests on PostgreSQL.</summary>
    protected virtual string Provider => DatabaseOptions.Sqlite;

    protected Task<StoreFixture> CreateStoreAsync(Action<IServiceCollection>? configure = null) => StoreFixture.CreateAsync(configure, Provider);
}
