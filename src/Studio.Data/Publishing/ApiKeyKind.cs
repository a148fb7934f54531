namespace Studio.Data.Publishing;

public enum ApiKeyKind
{
    /// <summary>For servers: any runtime endpoint of the bots it names, from anywhere.</summary>
    Secret,

    /// <summary>For web pages: sends messages to one bot's alias, from the origins it lists.</summary>
    Publishable,
}
