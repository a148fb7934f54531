using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Studio.Data.Drafts;

namespace Studio.Data.Configurations;

internal sealed class BotDraftConfiguration : IEntityTypeConfiguration<BotDraft>
{
    public void Configure(EntityTypeBuilder<BotDraft> builder)
    {
        builder.ToTable("BotDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(64);
        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Document).IsRequired();
        // The revision is the optimistic-concurrency token: an UPDATE only matches the revision the editor loaded.
        builder.Property(d => d.Revision).IsConcurrencyToken();
    }
}
