using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Studio.Data.Publishing;

namespace Studio.Data.Configurations;

internal sealed class BotRetirementConfiguration : IEntityTypeConfiguration<BotRetirement>
{
    public void Configure(EntityTypeBuilder<BotRetirement> builder)
    {
        // No foreign key to the draft on purpose: the record must survive the bot's deletion.
        builder.ToTable("BotRetirements");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.BotId).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(VersionStore.MaxRetirementReasonLength);
        builder.Property(r => r.RetiredBy).HasMaxLength(256);
        builder.HasIndex(r => r.BotId);
    }
}
