using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Studio.Data.Comparisons;
using Studio.Data.Drafts;

namespace Studio.Data.Configurations;

internal sealed class ComparisonConfiguration : IEntityTypeConfiguration<ComparisonRecord>
{
    public void Configure(EntityTypeBuilder<ComparisonRecord> builder)
    {
        builder.ToTable("Comparisons");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.BotId).HasMaxLength(64);
        builder.Property(c => c.Suite).HasMaxLength(400);
        builder.HasIndex(c => c.BotId);
        builder.HasOne<BotDraft>().WithMany().HasForeignKey(c => c.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PreferenceVoteConfiguration : IEntityTypeConfiguration<PreferenceVote>
{
    public void Configure(EntityTypeBuilder<PreferenceVote> builder)
    {
        builder.ToTable("PreferenceVotes");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.BotId).HasMaxLength(64);
        builder.Property(v => v.Winner).HasMaxLength(200);
        builder.Property(v => v.Loser).HasMaxLength(200);
        builder.Property(v => v.Message).HasMaxLength(4000);
        builder.HasIndex(v => v.BotId);
        builder.HasOne<BotDraft>().WithMany().HasForeignKey(v => v.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}
