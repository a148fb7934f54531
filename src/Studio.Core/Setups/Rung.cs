using System.Globalization;

namespace Studio.Core.Setups;

/// <summary>
/// One rung of the model ladder for a task: <c>ngram</c>, <c>encoder</c>, <c>tuned</c>, or a large-model profile written
/// <c>&lt;profile&gt;</c> or <c>&lt;profile&gt;(prompt=P,shots=N)</c>, where P names one of the bot's prompts (its
/// instructions and how it picks examples; the built-in one when left out) and N is how many of the bot's examples its
/// prompt shows. Whether the profile and the prompt exist is for the registry and the bot to say, not the parser.
/// </summary>
public sealed record Rung(RungKind Kind, string? Profile = null, int Shots = Rung.DefaultShots, string? Prompt = null)
{
    public const string NgramId = "ngram";
    public const string EncoderId = "encoder";
    public const string TunedId = "tuned";
    public const int DefaultShots = 4;
    public const int MaxShots = 32;

    private const string ShotsOption = "shots";

    private const string PromptOption = "prompt";

    public static Rung Ngram { get; } = new(RungKind.Ngram);

    public static Rung Encoder { get; } = new(RungKind.Encoder);

    public static Rung Tuned { get; } = new(RungKind.Tuned);

    public bool IsLarge => Kind == RungKind.LargeModel;

    /// <summary>The rung as written, in its shortest form: the default options are left out.</summary>
    public string Name => Kind switch
    {
        RungKind.Ngram => NgramId,
        RungKind.Encoder => EncoderId,
        RungKind.Tuned => TunedId,
        _ when Shots == DefaultShots && Prompt is null => Profile!,
        _ => Profile + "(" + string.Join(",", new[]
        {
            Prompt is null ? null : $"{PromptOption}={Prompt}",
            Shots == DefaultShots ? null : string.Create(CultureInfo.InvariantCulture, $"{ShotsOption}={Shots}"),
        }.OfType<string>()) + ")",
    };

    public override string ToString() => Name;

    /// <summary>Parses a rung; options that do not parse are an error, so a typo is never silently the default.</summary>
    public static Rung Parse(string text)
    {
        var rung = text.Trim();
        switch (rung)
        {
            case NgramId:
                return Ngram;
            case EncoderId:
                return Encoder;
            case TunedId:
                return Tuned;
            case "":
                throw new SetupException("A rung is missing: use ngram, encoder, tuned or a large-model profile.");
        }

        var open = rung.IndexOf('(', StringComparison.Ordinal);
        var profile = (open < 0 ? rung : rung[..open]).Trim();
        if (profile.Length == 0 || profile.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new SetupException($"'{rung}' is not a rung: use ngram, encoder, tuned or a large-model profile id (letters, digits, - _ .).");
        }

        if (open < 0)
        {
            return new Rung(RungKind.LargeModel, profile);
        }

        if (!rung.EndsWith(')'))
        {
            throw new SetupException($"'{rung}' does not close its options: write {profile}({ShotsOption}=8).");
        }

        var shots = DefaultShots;
        string? prompt = null;
        foreach (var option in rung[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = option.Split('=', 2, StringSplitOptions.TrimEntries) is [var k, var v] ? (k, v) : (option, "");
            switch (key)
            {
                case ShotsOption when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out shots) || shots > MaxShots:
                    throw new SetupException($"{ShotsOption} in '{rung}' must be a whole number from 0 to {MaxShots}.");
                case ShotsOption:
                    break;
                case PromptOption when value.Length == 0 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')):
                    throw new SetupException($"{PromptOption} in '{rung}' must name one of the bot's prompts (letters, digits, - _ .).");
                case PromptOption:
                    prompt = value;
                    break;
                default:
                    throw new SetupException($"'{key}' in '{rung}' is not an option of a large-model rung; it has two: {PromptOption}=<one of the bot's prompts> and {ShotsOption}=<0 to {MaxShots}>.");
            }
        }

        return new Rung(RungKind.LargeModel, profile, shots, prompt);
    }
}
