namespace Studio.Data.Publishing;

/// <summary>A key for the runtime API. Only its SHA-256 is stored; the key itself is shown once when created.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The first characters of the key, to tell keys apart in lists.</summary>
    public string Prefix { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>Comma-separated bot ids the key may call, or <c>*</c> for every bot.</summary>
    public string Bots { get; set; } = "*";

    public int RequestsPerMinute { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    /// <summary>
    /// The account that created the key, or null for keys made at the machine (the CLI). A key lives no longer than
    /// its owner's account: removing the user revokes it, and a key whose owner is gone is refused anyway.
    /// </summary>
    public string? OwnerId { get; set; }

    public bool Allows(string botId) => Bots == "*" || Bots.Split(',', StringSplitOptions.TrimEntries).Contains(botId, StringComparer.Ordinal);
}
