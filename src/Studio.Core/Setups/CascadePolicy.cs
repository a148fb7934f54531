using System.Globalization;

namespace Studio.Core.Setups;

/// <summary>
/// The one escalation rule: the small rung answers when it is confident (not out of scope, and its top confidence at
/// or above the threshold); otherwise the message goes to the large rung. Written <c>cascade:small&gt;large@threshold</c>.
/// Comparisons, the test console and the runtime all ask this record, so what was measured is what is served.
/// </summary>
public sealed record CascadePolicy(Rung Small, Rung Large, float? Threshold = null)
{
    public const string Prefix = "cascade:";

    /// <summary>The threshold a cascade written without one answers with where it cannot be chosen on examples.</summary>
    public const float DefaultThreshold = 0.7f;

    public float EffectiveThreshold => Threshold ?? DefaultThreshold;

    public string Name => Write(Small.Name, Large.Name, Threshold);

    public override string ToString() => Name;

    /// <summary>Whether a message the small rung read this way goes on to the large rung.</summary>
    public bool Escalates(bool outOfScope, float confidence) => Escalates(outOfScope, confidence, EffectiveThreshold);

    /// <summary>The rule at another threshold, for sweeps that evaluate a cascade at many thresholds at once.</summary>
    public static bool Escalates(bool outOfScope, float confidence, float threshold) => outOfScope || confidence < threshold;

    public CascadePolicy WithThreshold(float threshold) => this with { Threshold = threshold };

    /// <summary>A cascade written out, the threshold to three decimals (left out when null).</summary>
    public static string Write(string small, string large, double? threshold) =>
        $"{Prefix}{small}>{large}" + (threshold is { } t ? "@" + t.ToString("0.###", CultureInfo.InvariantCulture) : "");

    public static bool IsCascade(string setup) => setup.TrimStart().StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Parses <c>cascade:small&gt;large@threshold</c> (the threshold is optional).</summary>
    public static CascadePolicy Parse(string setup)
    {
        var text = setup.Trim();
        if (!IsCascade(text))
        {
            throw new SetupException($"'{setup}' is not a cascade: write cascade:<small>><large>@<threshold>, e.g. cascade:ngram>encoder@0.7.");
        }

        var body = text[Prefix.Length..];
        var at = body.IndexOf('@', StringComparison.Ordinal);
        var rungs = (at < 0 ? body : body[..at]).Split('>');
        if (rungs.Length != 2 || rungs.Any(string.IsNullOrWhiteSpace))
        {
            throw new SetupException($"'{setup}' is not a cascade: write cascade:<small>><large>@<threshold>, e.g. cascade:ngram>encoder@0.7.");
        }

        float? threshold = null;
        if (at >= 0)
        {
            if (!float.TryParse(body[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t is < 0 or > 1)
            {
                throw new SetupException($"The threshold in '{setup}' must be a number from 0 to 1.");
            }

            threshold = t;
        }

        var small = Rung.Parse(rungs[0]);
        var large = Rung.Parse(rungs[1]);
        if (small.IsLarge)
        {
            throw new SetupException($"'{setup}' starts with a large model: a cascade starts small (ngram or encoder) and escalates.");
        }

        if (small == large)
        {
            throw new SetupException($"'{setup}' escalates from {small.Name} to itself: name two different rungs.");
        }

        return new CascadePolicy(small, large, threshold);
    }
}
