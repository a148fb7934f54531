namespace Studio.Core.Bots;

public enum EntityKind
{
    /// <summary>Recognised by a built-in extractor (number, money, date, time, email, phone).</summary>
    Builtin,

    /// <summary>A closed list of values, each with synonyms.</summary>
    List,

    /// <summary>Anything a regular expression matches.</summary>
    Regex,
}
