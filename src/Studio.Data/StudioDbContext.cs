using Microsoft.EntityFrameworkCore;
using Studio.Data.Comparisons;
using Studio.Data.Drafts;
using Studio.Data.Publishing;

namespace Studio.Data;

public sealed class StudioDbContext(DbContextOptions<StudioDbContext> options) : DbContext(options)
{
    public DbSet<BotDraft> BotDrafts => Set<BotDraft>();

    public DbSet<ComparisonRecord> Comparisons => Set<ComparisonRecord>();

    public DbSet<PreferenceVote> Votes => Set<PreferenceVote>();

    public DbSet<BotVersion> Versions => Set<BotVersion>();

    public DbSet<BotAlias> Aliases => Set<BotAlias>();

    public DbSet<AliasMove> AliasMoves => Set<AliasMove>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<TranscriptTurn> Transcripts => Set<TranscriptTurn>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StudioDbContext).Assembly);
}
