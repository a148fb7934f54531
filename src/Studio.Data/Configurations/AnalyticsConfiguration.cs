using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Studio.Data.Analytics;

namespace Studio.Data.Configurations;

internal sealed class TrafficHourConfiguration : IEntityTypeConfiguration<TrafficHour>
{
    public void Configure(EntityTypeBuilder<TrafficHour> builder)
    {
        builder.ToTable("TrafficHours");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.BotId).HasMaxLength(64);
        builder.Property(h => h.Alias).HasMaxLength(64);
        builder.Property(h => h.Latency).HasMaxLength(2000);
        builder.HasIndex(h => new { h.BotId, h.HourUtc, h.Version, h.Alias }).IsUnique();
    }
}

internal sealed class TrafficIntentHourConfiguration : IEntityTypeConfiguration<TrafficIntentHour>
{
    public void Configure(EntityTypeBuilder<TrafficIntentHour> builder)
    {
        builder.ToTable("TrafficIntentHours");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.BotId).HasMaxLength(64);
        builder.Property(h => h.Alias).HasMaxLength(64);
        builder.Property(h => h.Intent).HasMaxLength(100);
        builder.HasIndex(h => new { h.BotId, h.HourUtc, h.Version, h.Alias, h.Intent }).IsUnique();
    }
}

internal sealed class ServedConversationConfiguration : IEntityTypeConfiguration<ServedConversation>
{
    public void Configure(EntityTypeBuilder<ServedConversation> builder)
    {
        builder.ToTable("ServedConversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.BotId).HasMaxLength(64);
        builder.Property(c => c.ConversationId).HasMaxLength(100);
        builder.HasIndex(c => new { c.BotId, c.ConversationId, c.KeyId }).IsUnique();
        builder.HasIndex(c => c.LastUtc);
    }
}
