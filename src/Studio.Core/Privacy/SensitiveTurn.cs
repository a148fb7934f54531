using Studio.Core.Bots;
using Studio.Core.Conversations;

namespace Studio.Core.Privacy;

/// <summary>
/// What of one turn touches a sensitive slot: whether the message filled one (then the whole message is taken for the
/// value, however the entity normalised it), and the sensitive values the conversation holds, to be taken out of
/// anything stored.
/// </summary>
public sealed record SensitiveTurn(string? AnsweredSlot, IReadOnlyList<(string Slot, string Value)> Values)
{
    public static readonly SensitiveTurn None = new(null, []);

    /// <param name="flowBefore">The flow in progress before the turn.</param>
    /// <param name="waitingBefore">The ask node that was waiting for this message, if any.</param>
    public static SensitiveTurn Of(BotDefinition bot, string? flowBefore, string? waitingBefore, TurnResult result)
    {
        if (bot.Privacy?.SensitiveSlots is not { Count: > 0 } names)
        {
            return None;
        }

        var sensitive = new HashSet<string>(names, StringComparer.Ordinal);
        var waiting = bot.Flows.FirstOrDefault(f => f.Name == flowBefore)?.Nodes.FirstOrDefault(n => n.Id == waitingBefore);
        // A slot is filled by answering its ask, but also on the way (an entity in an earlier message, a correction at a
        // confirmation): the typed text holds the value then too, in a form the normalised value may not match.
        var answered = waiting is { Type: FlowNodeType.Ask, Slot: { } slot } && sensitive.Contains(slot)
            ? slot
            : names.FirstOrDefault(name => result.SlotsAfter.TryGetValue(name, out var after)
                && !(result.SlotsBefore.TryGetValue(name, out var before) && before == after));
        var values = result.SlotsBefore.Concat(result.SlotsAfter)
            .Where(s => sensitive.Contains(s.Key) && s.Value.Trim().Length >= 2)
            .Select(s => (s.Key, s.Value.Trim())).Distinct().OrderByDescending(s => s.Item2.Length).ToList();
        return new SensitiveTurn(answered, values);
    }

    /// <summary><paramref name="text"/> with every sensitive value replaced by <c>[slot]</c>.</summary>
    public string WithoutValues(string text)
    {
        foreach (var (slot, value) in Values)
        {
            text = text.Replace(value, $"[{slot}]", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
