using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Studio.Data.Models;

namespace Studio.Data.Configurations;

internal sealed class ModelProfileConfiguration : IEntityTypeConfiguration<StoredModelProfile>
{
    public void Configure(EntityTypeBuilder<StoredModelProfile> builder)
    {
        builder.ToTable("ModelProfiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(ModelProfileStore.MaxIdLength);
        builder.Property(p => p.Kind).HasMaxLength(16);
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.Property(p => p.Path).HasMaxLength(ModelProfileStore.MaxAddressLength);
        builder.Property(p => p.Endpoint).HasMaxLength(ModelProfileStore.MaxAddressLength);
        builder.Property(p => p.Model).HasMaxLength(200);
        builder.Property(p => p.ApiKeyVariable).HasMaxLength(200);
        builder.Property(p => p.ProtectedApiKey).HasMaxLength(16_000);
        builder.Property(p => p.ChatTemplate).HasMaxLength(ModelProfileStore.MaxChatTemplateLength);
        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.Property(p => p.Revision).IsConcurrencyToken();
    }
}
