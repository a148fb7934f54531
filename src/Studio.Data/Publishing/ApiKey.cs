namespace Studio.Data.Publishing;

/// <summary>
/// A key for the runtime API. A secret key's SHA-256 alone is stored; the key itself is shown once when created. A
/// publishable key is made to sit in a web page: it names one bot (and alias), only sends messages, only from the
/// origins it lists, within a budget per conversation as well as its own; it is public, so the studio keeps it to
/// show the tag that embeds the web chat.
/// </summary>
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

    public ApiKeyKind Kind { get; set; }

    /// <summary>The alias a publishable key may talk to; null for every alias (secret keys).</summary>
    public string? Alias { get; set; }

    /// <summary>A publishable key's allowed page origins, comma-separated (<c>https://shop.example.com</c>).</summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>Messages a minute one conversation may send with a publishable key; 0 for no budget per conversation.</summary>
    public int ConversationRequestsPerMinute { get; set; }

    /// <summary>A publishable key as the page carries it; null for secret keys, which are never stored.</summary>
    public string? PublicKey { get; set; }

    public bool IsPublishable => Kind == ApiKeyKind.Publishable;

    public IReadOnlyList<string> Origins => (AllowedOrigins ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether a page on <paramref name="origin"/> (the request's <c>Origin</c> header) may use the key.</summary>
    public bool AllowsOrigin(string? origin) => WebOrigin.Normalize(origin) is { } normal && Origins.Contains(normal, StringComparer.Ordinal);

    public bool AllowsAlias(string aliasOrVersion) => Alias is null || Alias == aliasOrVersion;

    public bool Allows(string botId) => Bots == "*" || Bots.Split(',', StringSplitOptions.TrimEntries).Contains(botId, StringComparer.Ordinal);
}
