using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Studio.Data.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add … --project src/Studio.Data.PostgreSql</c> build the PostgreSQL model without a
/// server: adding a migration only reads the model, it never connects.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StudioDbContext>
{
    public StudioDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<StudioDbContext>)new DbContextOptionsBuilder<StudioDbContext>().UseStudioPostgreSql("Host=localhost;Database=studio").Options);
}
