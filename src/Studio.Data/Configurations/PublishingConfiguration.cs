using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Studio.Data.Drafts;
using Studio.Data.Publishing;

namespace Studio.Data.Configurations;

internal sealed class BotVersionConfiguration : IEntityTypeConfiguration<BotVersion>
{
    public void Configure(EntityTypeBuilder<BotVersion> builder)
    {
        builder.ToTable("BotVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.BotId).HasMaxLength(64);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.Ignore(v => v.Republished);
        // Two publishes racing for the same number: one of them fails instead of both landing.
        builder.HasIndex(v => new { v.BotId, v.Number }).IsUnique();
        builder.HasOne<BotDraft>().WithMany().HasForeignKey(v => v.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BotAliasConfiguration : IEntityTypeConfiguration<BotAlias>
{
    public void Configure(EntityTypeBuilder<BotAlias> builder)
    {
        builder.ToTable("BotAliases");
        builder.HasKey(a => new { a.BotId, a.Name });
        builder.Property(a => a.BotId).HasMaxLength(64);
        builder.Property(a => a.Name).HasMaxLength(64);
        builder.HasOne<BotDraft>().WithMany().HasForeignKey(a => a.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AliasMoveConfiguration : IEntityTypeConfiguration<AliasMove>
{
    public void Configure(EntityTypeBuilder<AliasMove> builder)
    {
        builder.ToTable("AliasMoves");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.BotId).HasMaxLength(64);
        builder.HasIndex(m => m.BotId);
        builder.HasOne<BotDraft>().WithMany().HasForeignKey(m => m.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.HasIndex(k => k.OwnerId);
    }
}

internal sealed class TranscriptTurnConfiguration : IEntityTypeConfiguration<TranscriptTurn>
{
    public void Configure(EntityTypeBuilder<TranscriptTurn> builder)
    {
        builder.ToTable("Transcripts");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.BotId).HasMaxLength(64);
        builder.Property(t => t.ConversationId).HasMaxLength(100);
        builder.Property(t => t.Alias).HasMaxLength(64);
        builder.Property(t => t.ReviewedIntent).HasMaxLength(100);
        builder.Property(t => t.ReviewedBy).HasMaxLength(256);
        builder.HasIndex(t => new { t.BotId, t.Review, t.CreatedUtc });
        builder.HasIndex(t => new { t.BotId, t.ConversationId });
        builder.HasIndex(t => new { t.BotId, t.CreatedUtc });
        builder.HasIndex(t => t.ExpiresUtc);
    }
}
