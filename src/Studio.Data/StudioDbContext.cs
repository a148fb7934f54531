using Microsoft.EntityFrameworkCore;
using Studio.Data.Comparisons;
using Studio.Data.Drafts;

namespace Studio.Data;

public sealed class StudioDbContext(DbContextOptions<StudioDbContext> options) : DbContext(options)
{
    public DbSet<BotDraft> BotDrafts => Set<BotDraft>();

    public DbSet<ComparisonRecord> Comparisons => Set<ComparisonRecord>();

    public DbSet<PreferenceVote> Votes => Set<PreferenceVote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StudioDbContext).Assembly);
}
