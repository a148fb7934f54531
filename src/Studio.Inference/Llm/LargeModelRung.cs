using System.Globalization;
using Studio.Inference.Models;

namespace Studio.Inference.Llm;

/// <summary>
/// A large model as an intent rung, with its options: written <c>&lt;profile&gt;</c> or
/// <c>&lt;profile&gt;(shots=N)</c>, where N is how many of the bot's examples, the nearest to the message, the
/// prompt shows. Zero-shot against few-shot is one of the first questions of the walk down the ladder (more
/// shots cost input tokens on every message), so it is an option of the rung rather than a fixed number.
/// </summary>
public sealed record LargeModelRung(ModelProfile Profile, int Shots)
{
    public const int DefaultShots = 4;
    public const int MaxShots = 32;

    private const string ShotsOption = "shots";

    /// <summary>The rung as written, in its shortest form: the default options are left out.</summary>
    public string Name => Shots == DefaultShots ? Profile.Id : string.Create(CultureInfo.InvariantCulture, $"{Profile.Id}({ShotsOption}={Shots})");

    /// <summary>The model profile a rung names, without its options.</summary>
    public static string ProfileId(string rung) => rung.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? rung[..open].Trim() : rung.Trim();

    /// <summary>
    /// The large model a rung names with its options; null when the rung is no large model (ngram, encoder, a
    /// cascade, an unknown id). Options that do not parse are an error, so a typo is not silently the default.
    /// </summary>
    public static LargeModelRung? Find(ModelRegistry registry, string rung)
    {
        if (registry.Find(ProfileId(rung)) is not { IsGenerative: true } profile)
        {
            return null;
        }

        var open = rung.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return new LargeModelRung(profile, DefaultShots);
        }

        if (!rung.EndsWith(')'))
        {
            throw new ArgumentException($"'{rung}' does not close its options: write {profile.Id}({ShotsOption}=8).");
        }

        var shots = DefaultShots;
        foreach (var option in rung[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = option.Split('=', 2, StringSplitOptions.TrimEntries) is [var k, var v] ? (k, v) : (option, "");
            if (key != ShotsOption)
            {
                throw new ArgumentException($"'{key}' in '{rung}' is not an option of a large-model rung; it has one: {ShotsOption}=<0 to {MaxShots}>.");
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out shots) || shots > MaxShots)
            {
                throw new ArgumentException($"{ShotsOption} in '{rung}' must be a whole number from 0 to {MaxShots}.");
            }
        }

        return new LargeModelRung(profile, shots);
    }
}
