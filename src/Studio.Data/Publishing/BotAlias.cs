namespace Studio.Data.Publishing;

/// <summary>A name (staging, production, …) pointing at one version of a bot; moving it releases or rolls back.</summary>
public sealed class BotAlias
{
    public string BotId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The version served, or when the alias splits its traffic the first arm's.</summary>
    public int VersionNumber { get; set; }

    /// <summary>The second arm of a traffic split; null when the alias serves one version.</summary>
    public int? SplitVersion { get; set; }

    /// <summary>The share of new conversations, in percent (1 to 99), that the second arm serves.</summary>
    public int SplitPercent { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>One move of an alias, kept so releases and rollbacks can be traced.</summary>
public sealed class AliasMove
{
    public long Id { get; set; }

    public string BotId { get; set; } = "";

    public string Alias { get; set; } = "";

    public int? FromVersion { get; set; }

    public int ToVersion { get; set; }

    /// <summary>What the move did to a traffic split: started or changed one, ended one, promoted an arm.</summary>
    public string? Note { get; set; }

    public string MovedBy { get; set; } = "";

    public DateTime MovedUtc { get; set; }
}
