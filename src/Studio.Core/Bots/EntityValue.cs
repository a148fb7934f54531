namespace Studio.Core.Bots;

/// <summary>One canonical value of a list entity and the other ways users say it.</summary>
public sealed class EntityValue
{
    public string Value { get; set; } = "";

    public List<string> Synonyms { get; set; } = [];
}
