using Microsoft.EntityFrameworkCore;
using Studio.Data.Drafts;

namespace Studio.Data;

public sealed class StudioDbContext(DbContextOptions<StudioDbContext> options) : DbContext(options)
{
    public DbSet<BotDraft> BotDrafts => Set<BotDraft>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StudioDbContext).Assembly);
}
