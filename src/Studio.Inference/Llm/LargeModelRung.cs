using Studio.Core.Bots;
using Studio.Core.Setups;
using Studio.Inference.Models;

namespace Studio.Inference.Llm;

/// <summary>
/// A large model as an intent rung: its registry profile and how many of the bot's examples, the nearest to the message,
/// its prompt shows. Zero-shot against few-shot is one of the first questions of the walk down the ladder (more shots
/// cost input tokens on every message), so it is an option of the rung rather than a fixed number.
/// </summary>
public sealed record LargeModelRung(ModelProfile Profile, int Shots, string? Prompt = null)
{
    public const int DefaultShots = Rung.DefaultShots;

    public string Name => new Rung(RungKind.LargeModel, Profile.Id, Shots, Prompt).Name;

    /// <summary>The registry's profile for a large-model rung; a rung naming no generative profile is refused, naming it.</summary>
    public static LargeModelRung Resolve(ModelRegistry registry, Rung rung) =>
        rung.IsLarge && registry.Find(rung.Profile!) is { IsGenerative: true } profile
            ? new LargeModelRung(profile, rung.Shots, rung.Prompt)
            : throw new SetupException($"Unknown model '{rung.Name}': use ngram, encoder or a large-model profile ({Known(registry)}).");

    /// <summary>The bot's prompt a rung names, or null for the built-in one; a name the bot does not have is refused, naming the ones it has.</summary>
    public static IntentPrompt? PromptOf(BotDefinition bot, Rung rung) => rung.Prompt is not { } name ? null
        : bot.Prompts.FirstOrDefault(p => p.Name == name)
          ?? throw new SetupException($"The setup '{rung.Name}' names the prompt '{name}', which the bot does not have ({(bot.Prompts.Count == 0 ? "it has none yet: add one on the Compare page's Prompts tab" : string.Join(", ", bot.Prompts.Select(p => p.Name)))}).");

    /// <summary>The large-model profile ids a setup may name, for messages.</summary>
    public static string Known(ModelRegistry registry) =>
        string.Join(", ", registry.Profiles.Where(p => p.IsGenerative).Select(p => p.Id)) is { Length: > 0 } ids ? ids : "none yet: an admin adds one on the Models page, /models";
}
