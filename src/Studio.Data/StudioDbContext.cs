using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Studio.Data.Comparisons;
using Studio.Data.Drafts;
using Studio.Data.Publishing;

namespace Studio.Data;

/// <summary>The studio's database: drafts, caches, comparisons, versions, keys, transcripts, teaching runs, model profiles, the data-protection key ring, and Identity's users and roles.</summary>
public sealed class StudioDbContext(DbContextOptions<StudioDbContext> options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<Models.StoredModelProfile> ModelProfiles => Set<Models.StoredModelProfile>();

    /// <summary>ASP.NET Core Data Protection's key ring: shared by every process on this database, so a key one encrypts another can read.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<BotDraft> BotDrafts => Set<BotDraft>();

    public DbSet<ComparisonRecord> Comparisons => Set<ComparisonRecord>();

    public DbSet<PreferenceVote> Votes => Set<PreferenceVote>();

    public DbSet<BotVersion> Versions => Set<BotVersion>();

    public DbSet<BotAlias> Aliases => Set<BotAlias>();

    public DbSet<AliasMove> AliasMoves => Set<AliasMove>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<TranscriptTurn> Transcripts => Set<TranscriptTurn>();

    public DbSet<BotRetirement> Retirements => Set<BotRetirement>();

    public DbSet<Teaching.TeachingRun> TeachingRuns => Set<Teaching.TeachingRun>();

    public DbSet<Teaching.TeachingItem> TeachingItems => Set<Teaching.TeachingItem>();

    public DbSet<Analytics.TrafficHour> TrafficHours => Set<Analytics.TrafficHour>();

    public DbSet<Analytics.TrafficIntentHour> TrafficIntentHours => Set<Analytics.TrafficIntentHour>();

    public DbSet<Analytics.ServedConversation> ServedConversations => Set<Analytics.ServedConversation>();

    /// <summary>
    /// PostgreSQL keeps times as <c>timestamp with time zone</c> and refuses a <see cref="DateTime"/> not marked UTC;
    /// every time the studio stores is UTC, so each is marked so on its way in and out (SQLite keeps them as text either way).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StudioDbContext).Assembly);
    }
}
