namespace Studio.Core.Setups;

/// <summary>How a bot reads intents: one rung alone, or a cascade of two.</summary>
public sealed record IntentSetup(Rung? Alone, CascadePolicy? Cascade)
{
    public static IntentSetup Of(Rung rung) => new(rung, null);

    public static IntentSetup Of(CascadePolicy cascade) => new(null, cascade);

    /// <summary>The rungs that may run, the first always.</summary>
    public IReadOnlyList<Rung> Rungs => Cascade is { } c ? [c.Small, c.Large] : [Alone!];

    /// <summary>The rung that reads every message.</summary>
    public Rung First => Cascade?.Small ?? Alone!;

    public string Name => Cascade?.Name ?? Alone!.Name;

    public override string ToString() => Name;

    public static IntentSetup Parse(string text) => CascadePolicy.IsCascade(text) ? Of(CascadePolicy.Parse(text)) : Of(Rung.Parse(text));
}
