namespace Studio.Data.Publishing;

/// <summary>A name (staging, production, …) pointing at one version of a bot; moving it releases or rolls back.</summary>
public sealed class BotAlias
{
    public string BotId { get; set; } = "";

    public string Name { get; set; } = "";

    public int VersionNumber { get; set; }

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

    public string MovedBy { get; set; } = "";

    public DateTime MovedUtc { get; set; }
}
