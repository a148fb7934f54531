using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Studio.Data.Drafts;
using Studio.Data.Teaching;

namespace Studio.Data.Configurations;

internal sealed class TeachingRunConfiguration : IEntityTypeConfiguration<TeachingRun>
{
    public void Configure(EntityTypeBuilder<TeachingRun> builder)
    {
        builder.ToTable("TeachingRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.BotId).HasMaxLength(64);
        builder.Property(r => r.Teacher).HasMaxLength(200);
        builder.Property(r => r.Source).HasMaxLength(200);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.HasIndex(r => r.BotId);
        builder.HasOne<BotDraft>().WithMany().HasForeignKey(r => r.BotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeachingItemConfiguration : IEntityTypeConfiguration<TeachingItem>
{
    public void Configure(EntityTypeBuilder<TeachingItem> builder)
    {
        builder.ToTable("TeachingItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Text).HasMaxLength(TeachingStore.MaxMessageLength);
        builder.Property(i => i.Intent).HasMaxLength(200);
        builder.Property(i => i.Chosen).HasMaxLength(200);
        builder.Property(i => i.Decision).HasConversion<string>().HasMaxLength(16);
        // The teacher walks a run in order; the list reads it least confident first.
        builder.HasIndex(i => new { i.RunId, i.Labelled, i.Position });
        builder.HasIndex(i => new { i.RunId, i.Confidence });
    }
}
