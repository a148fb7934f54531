using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Studio.Data.Embeddings;

namespace Studio.Data.Configurations;

internal sealed class CachedEmbeddingConfiguration : IEntityTypeConfiguration<CachedEmbedding>
{
    public void Configure(EntityTypeBuilder<CachedEmbedding> builder)
    {
        builder.ToTable("EmbeddingCache");
        builder.HasKey(e => new { e.ModelHash, e.TextHash });
        builder.Property(e => e.ModelHash).HasMaxLength(64);
        builder.Property(e => e.TextHash).HasMaxLength(64);
    }
}
