using Studio.Inference.Models;

namespace Studio.Web.Features.Compare;

/// <summary>
/// The setups offered as check boxes: the small ones (the tuned rung too, unticked at first, since it tunes for seconds
/// to minutes before it answers), and for each available large model the model alone, with each of the bot's prompts,
/// and the encoder with the model phrasing replies.
/// </summary>
public static class SetupChoices
{
    public static readonly string[] Small = ["ngram", "encoder", "cascade:ngram>encoder"];

    public static IEnumerable<string> For(ModelRegistry registry, Studio.Core.Bots.BotDefinition? bot = null) => Small.Append("tuned").Concat(registry.AvailableGenerative
        .SelectMany(p => new[] { p.Id }.Concat((bot?.Prompts ?? []).Select(prompt => $"{p.Id}(prompt={prompt.Name})")).Append($"encoder+generation:{p.Id}")));
}
