namespace Studio.Core.Bots;

/// <summary>A piece of information to pull out of a message; which fields apply depends on <see cref="Kind"/>.</summary>
public sealed class EntityDefinition
{
    public string Name { get; set; } = "";

    public EntityKind Kind { get; set; }

    /// <summary>The extractor, when <see cref="Kind"/> is <see cref="EntityKind.Builtin"/>.</summary>
    public BuiltinEntity? Builtin { get; set; }

    /// <summary>The values, when <see cref="Kind"/> is <see cref="EntityKind.List"/>.</summary>
    public List<EntityValue>? Values { get; set; }

    /// <summary>The .NET regular expression, when <see cref="Kind"/> is <see cref="EntityKind.Regex"/>.</summary>
    public string? Pattern { get; set; }
}
